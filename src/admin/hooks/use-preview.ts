import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { PreviewResponse, Surface } from "../lib/types"

export const PREVIEW_KEY = ["recommendations", "preview"]

/**
 * Serving re-reads settings, rules and the model in the background once what it holds is a second
 * old, and answers meanwhile with what it has: a preview polls, so it catches up with a change
 * (made here, by another admin, or by a training) within a few seconds.
 */
const PREVIEW_POLL_MS = 2000

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
    refetchInterval: PREVIEW_POLL_MS,
    enabled,
  })

/** After a change: previews refetch now rather than at their next poll. */
export const useInvalidatePreviews = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: PREVIEW_KEY })
}
