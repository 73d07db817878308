/**
 * What the plugin's store routes take and answer, for storefronts. Written out here rather than
 * taken from the routes' validators: a storefront bundle must not pull in server code.
 */
import type { HttpTypes } from "@medusajs/types"

/** Lists seeded by the product on the page (GET /store/products/:id/recommendations). */
export type ProductSurface = "also_bought" | "related"
/** Lists for the shopper (GET /store/recommendations). */
export type ShopperSurface = "for_you" | "trending" | "recently_viewed" | "cart"
export type RecommendationSurface = ProductSurface | ShopperSurface

/** What every list accepts besides its surface, as the routes validate it. */
export interface RecommendationListOptions {
  /** Products in the list, 1-50; the surface's setting when absent. */
  limit?: number
  /** An anonymous shopper's id (1-200 letters, digits or `_ . : -`); a logged-in customer's own history wins. */
  session_id?: string
  /** The shopper's cart: its products are never recommended; required for surface `cart`. */
  cart_id?: string
  /** As on /store/products: the products' fields and the region or country they are priced for. */
  fields?: string
  region_id?: string
  country_code?: string
  province?: string
}

/** A product page's list (`product_id`, `also_bought` by default) or a shopper's (`surface`). */
export type ListRecommendationsParams = RecommendationListOptions &
  ({ product_id: string; surface?: ProductSurface } | { product_id?: never; surface: ShopperSurface })

/** Why a product is in a list. */
export interface RecommendationExplanation {
  score: number
  /**
   * Each ranking source's contribution, by name: `cooccurrence`, `content`, `personal`,
   * `trending`, `recently_viewed`, a fallback's name, or `rule` for a merchant's pin.
   */
  sources: Record<string, number>
  /** A sentence for the shopper, e.g. "Bought with Linen Shirt in 18 orders". */
  reason: string
}

/** A product as /store/products returns it, with why it was recommended. */
export type RecommendedProduct = HttpTypes.StoreProduct & { recommendation: RecommendationExplanation }
/** A product of a list asked for with `hydrate: false`. */
export type RecommendedProductRef = { id: string; recommendation: RecommendationExplanation }

export interface RecommendationListResponse<P = RecommendedProduct> {
  /** This list's id: send it with the impressions and clicks of its products. */
  recommendation_id: string
  surface: RecommendationSurface
  products: P[]
}

/** What a storefront reports; purchases come from orders. */
export type RecommendationEventType = "view" | "click" | "add_to_cart" | "impression"

export interface RecommendationEvent {
  type: RecommendationEventType
  product_id: string
  variant_id?: string | null
  /** The `recommendation_id` of the list the product was shown in. */
  recommendation_id?: string | null
  /** ISO 8601 with an offset; the time of the request when absent. */
  occurred_at?: string
  metadata?: Record<string, unknown> | null
}

export interface TrackEventsOptions {
  /** Required unless a customer is logged in (the sdk's token or session names them). */
  session_id?: string
}

export interface TrackEventsResponse {
  recorded: number
}
