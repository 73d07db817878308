import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { PreviewResponse, Surface } from "../lib/types"

export type PreviewQuery = {
  surface: Surface
  product_id?: string
  customer_id?: string
  cart_id?: string
  limit?: number
}

/** The list the storefront would get, as the admin preview route ranks it. */
export const useRecommendationPreview = (query: PreviewQuery, enabled = true) =>
  useQuery({
    queryKey: ["recommendations", "preview", query],
    queryFn: () => sdk.client.fetch<PreviewResponse>("/admin/recommendations/preview", { query }),
    placeholderData: keepPreviousData,
    enabled,
  })
