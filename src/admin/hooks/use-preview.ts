import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { PreviewResponse, Surface } from "../lib/types"

export const PREVIEW_KEY = ["recommendations", "preview"]

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
    queryKey: [...PREVIEW_KEY, query],
    queryFn: () => sdk.client.fetch<PreviewResponse>("/admin/recommendations/preview", { query }),
    placeholderData: keepPreviousData,
    enabled,
  })

/**
 * Serving re-reads settings and rules in the background about once a second, so the request right
 * after a change may still rank with the old ones: previews are refetched now and once more later.
 */
const SERVING_REFRESH_MS = 1500

export const useInvalidatePreviews = () => {
  const queryClient = useQueryClient()
  return () => {
    const invalidate = () => queryClient.invalidateQueries({ queryKey: PREVIEW_KEY })
    invalidate()
    setTimeout(invalidate, SERVING_REFRESH_MS)
  }
}
