/**
 * Shapes shared by every engine function. Items, customers and categories are dense integer
 * indices (0..n-1); the Medusa layer maps them to and from its string ids.
 */

/** Orders as baskets in CSR form: order o holds items[offsets[o] .. offsets[o + 1]), distinct. */
export interface Orders {
  nItems: number
  nCustomers: number
  offsets: Uint32Array
  items: Uint32Array
  /** Units bought per line, parallel to `items` (1 when unknown). */
  quantities: Float32Array
  /** Order time in milliseconds since the epoch. */
  time: Float64Array
  /** Customer index per order, -1 for a guest order. */
  customer: Int32Array
}

/** Top-K neighbours of every item in CSR form, scores descending within a row. */
export interface Neighbours {
  offsets: Uint32Array
  ids: Uint32Array
  scores: Float32Array
  /** Evidence behind each score: orders containing both items (co-purchase) or shared terms (content). */
  support: Uint32Array
}

/** A sparse row-per-entity matrix (documents x terms, items x categories, ...). */
export interface Csr {
  offsets: Uint32Array
  ids: Uint32Array
  values: Float32Array
}

/** Catalogue text of one product, as the content model reads it. */
export interface ProductDocument {
  title?: string
  subtitle?: string
  description?: string
  tags?: string[]
  type?: string
  categories?: string[]
  collection?: string
  /** Metadata values already chosen by key (see ContentParams.metadataKeys). */
  metadata?: Record<string, string>
}

/** Where a recommended item came from. */
export type Source = "cooccurrence" | "content" | "personal" | "trending"
export const SOURCES: readonly Source[] = ["cooccurrence", "content", "personal", "trending"]

/** The storefront places a list is made for. */
export type Surface = "also_bought" | "related" | "cart" | "for_you"
export const SURFACES: readonly Surface[] = ["also_bought", "related", "cart", "for_you"]

/** Catalogue attributes that rules, filters and diversity read; refreshed without retraining. */
export interface Catalog {
  nItems: number
  /** item -> category indices (values unused). */
  categories: Csr
  /** item -> tag indices (values unused). */
  tags: Csr
  /** Collection and type index per item, -1 when none. */
  collection: Int32Array
  type: Int32Array
  /** Lowest price per item in the store's default currency, NaN when unknown. */
  price: Float32Array
  /** Creation time (ms), for exploration slots that favour fresh products. */
  createdAt: Float64Array
  /** 1 when the item may be shown (published, in the sales channel, in stock where managed). */
  available: Uint8Array
}

/** Everything training produces; a request only reads it. */
export interface Model {
  nItems: number
  /** Newest order time the model saw (ms). */
  trainedUntil: number
  /** Item-item co-purchase neighbours; scores are shrunk conditional probabilities. */
  cooccurrence: Neighbours
  /** Item-item content neighbours; scores are TF-IDF cosines. */
  content: Neighbours
  /** documents x terms, L2-normalised TF-IDF weights, for "shares: ..." reasons and MMR similarity. */
  terms: Csr
  vocabulary: string[]
  /** Time-decayed popularity per item, as a share of recent orders. */
  trending: Float32Array
  /** Items with trending > 0, best first. */
  trendingOrder: Uint32Array
  /** category -> items best first by trending (values: trending). */
  categoryTrending: Csr
  /** Orders containing each item in the training data (undecayed), for reasons and novelty. */
  orderCount: Uint32Array
  /**
   * How much this shop's store-wide prior (trending) is worth against the shopper's own evidence,
   * measured on its history (see calibrate.ts): multiplies the trending weight on seeded surfaces
   * (a product, a cart) and on the personal one. 1 = the defaults as tuned; Infinity = the best
   * sellers alone (the shop's history gave the other sources no clear gain over them).
   */
  priorScale: { seeded: number; personal: number }
}

/** What a storefront request asks for, in index space. */
export interface RecommendationRequest {
  surface: Surface
  limit: number
  /** The product page's product, or the cart's items. */
  seeds?: ArrayLike<number>
  /** A shopper's history, newest last: item, time (ms) and event weight (a purchase 1, a view less). */
  history?: { ids: ArrayLike<number>; time: ArrayLike<number>; weight?: ArrayLike<number> }
  /** Items bought before by this shopper (for the "hide bought" filter). */
  purchased?: ArrayLike<number>
  /** Items in the cart (never recommended back on the cart surface). */
  cart?: ArrayLike<number>
  /** Items the caller excludes outright. */
  exclude?: ArrayLike<number>
  /** Request time (ms); defaults to the model's trainedUntil. */
  now?: number
}

/** A condition on the request's seed products (rules apply only when it holds). */
export interface SeedCondition {
  items?: number[]
  categories?: number[]
  collections?: number[]
  tags?: number[]
  types?: number[]
}

/** Which items a rule acts on. */
export interface ItemMatch {
  items?: number[]
  categories?: number[]
  collections?: number[]
  tags?: number[]
  types?: number[]
  /** Price band, inclusive; either bound may be omitted. */
  priceMin?: number
  priceMax?: number
}

export type Rule =
  | { kind: "pin"; items: number[]; position?: number; when?: SeedCondition; surfaces?: Surface[] }
  | { kind: "exclude"; match: ItemMatch; when?: SeedCondition; surfaces?: Surface[] }
  | { kind: "boost"; match: ItemMatch; factor: number; when?: SeedCondition; surfaces?: Surface[] }
  | { kind: "bury"; match: ItemMatch; factor: number; when?: SeedCondition; surfaces?: Surface[] }
  /** "If the seed is in category A, recommend from B": only matching items stay, others fill after. */
  | { kind: "recommend_from"; when: SeedCondition; match: ItemMatch; surfaces?: Surface[] }

/** A source in the ordered fallback chain that fills a short list. */
export type Fallback = "cooccurrence" | "content" | "category_trending" | "trending"

/** Per-surface settings a merchant tunes in the admin. */
export interface SurfaceSettings {
  weights: Record<Source, number>
  fallbacks: Fallback[]
  /** Blended score below which a candidate is dropped (before fallbacks fill the list). */
  minScore: number
  limit: number
  diversity: {
    /** MMR trade-off: 1 = relevance only, 0 = dissimilarity only. */
    lambda: number
    /** Most items from one category in a list; 0 = no cap. */
    maxPerCategory: number
    /** Slots given to fresh products with little history. */
    explorationSlots: number
  }
  filters: {
    excludeCart: boolean
    excludePurchased: boolean
    /** Respect Catalog.available (published, in channel, in stock). */
    availableOnly: boolean
  }
}

/** One recommended item, with why it is there. */
export interface Recommendation {
  id: number
  score: number
  sources: Partial<Record<Source | "rule" | "exploration" | Fallback, number>>
  reason: string
}

/**
 * An item moving through the request-time stages (blend, rules, filters, diversity, fallbacks):
 * its blended score, the per-source scores behind it and, for pinned items, the fixed position.
 */
export interface Candidate {
  id: number
  score: number
  sources: Recommendation["sources"]
  /** Position (0-based) a pin rule fixed for this item. */
  pinned?: number
}
