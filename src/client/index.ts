/**
 * The storefront client of the plugin's store routes, on top of `@medusajs/js-sdk`: requests go
 * through `sdk.client.fetch`, so they carry the sdk's publishable key and the logged-in
 * customer's token or session, and a refused request throws the sdk's `FetchError` with the
 * route's message and status.
 *
 *   const recommendations = recommendationsClient(sdk)
 *   const { products, recommendation_id } = await recommendations.listRecommendations({ product_id, surface: "also_bought" })
 *   await recommendations.trackEvents([{ type: "click", product_id, recommendation_id }], { session_id })
 */
import type Medusa from "@medusajs/js-sdk"
import type { ClientHeaders } from "@medusajs/js-sdk"
import type {
  ListRecommendationsParams,
  RecommendationEvent,
  RecommendationListResponse,
  RecommendedProduct,
  RecommendedProductRef,
  TrackEventsOptions,
  TrackEventsResponse,
} from "./types"

export * from "./types"

export interface RecommendationsClient {
  /**
   * A recommendation list: with `product_id`, the product page's `also_bought` (the default) or
   * `related`; without, the shopper's `for_you`, `trending`, `recently_viewed` or `cart`.
   * Products come as /store/products returns them; with `hydrate: false`, as `{ id }` (still
   * filtered and ranked; `fields` is then refused).
   */
  listRecommendations(
    params: ListRecommendationsParams & { hydrate: false },
    headers?: ClientHeaders
  ): Promise<RecommendationListResponse<RecommendedProductRef>>
  listRecommendations(
    params: ListRecommendationsParams & { hydrate?: true },
    headers?: ClientHeaders
  ): Promise<RecommendationListResponse<RecommendedProduct>>
  /** Records up to 100 storefront events at once; the route refuses a batch naming an unknown product whole. */
  trackEvents(events: RecommendationEvent[], options?: TrackEventsOptions, headers?: ClientHeaders): Promise<TrackEventsResponse>
}

export function recommendationsClient(sdk: Pick<Medusa, "client">): RecommendationsClient {
  return {
    listRecommendations: ((params: ListRecommendationsParams & { hydrate?: boolean }, headers?: ClientHeaders) => {
      const { product_id, ...query } = params
      const path = product_id
        ? `/store/products/${encodeURIComponent(product_id)}/recommendations`
        : "/store/recommendations"
      return sdk.client.fetch(path, { query, headers })
    }) as RecommendationsClient["listRecommendations"],
    trackEvents: (events, options = {}, headers) =>
      sdk.client.fetch<TrackEventsResponse>("/store/recommendations/events", {
        method: "POST",
        body: { ...options, events },
        headers,
      }),
  }
}

const SESSION_KEY = "medusa_recommendations_session"

/**
 * An anonymous shopper's id, kept in `storage` (the browser's localStorage by default) so their
 * views and clicks stay one history across visits.
 */
export function anonymousSessionId(storage: Pick<Storage, "getItem" | "setItem"> = globalThis.localStorage): string {
  let id = storage.getItem(SESSION_KEY)
  if (!id) {
    // getRandomValues, not randomUUID: the latter exists only on https and localhost pages.
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
    id = `sess_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`
    storage.setItem(SESSION_KEY, id)
  }
  return id
}
