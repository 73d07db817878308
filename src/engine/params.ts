/**
 * Every engine parameter, named and defaulted in one place. These defaults are the production
 * configuration: what a merchant gets without touching the admin, and what `evaluate` calls `hybrid`.
 */
import type { Surface, SurfaceSettings } from "./types"


export const COOCCURRENCE = {
  /** Neighbours kept per item. */
  topK: 100,
  /** Half-life of an order's weight, in days; Infinity = no decay. */
  halfLifeDays: 30,
  /** Orders with more distinct items than this count as 1 / (size / basketPivot)^basketPower. */
  basketPivot: 200,
  basketPower: 0.5,
  /** Exponent on the neighbour's popularity: 0 = conditional probability P(j|i), 0.5 = cosine. */
  popularityPower: 0.15,
  /** Pseudo-orders added to the seed's order count: rare seeds get smaller scores. */
  shrinkage: 2,
  /** Pairs seen in fewer orders than this are dropped: one shared order is mostly chance. */
  minSupport: 2,
}

export const CONTENT = {
  topK: 50,
  /** How much each field's tokens count toward the document vector. */
  fieldWeights: {
    title: 3,
    subtitle: 1.5,
    description: 1,
    tags: 2,
    type: 1.5,
    categories: 2,
    collection: 1.5,
    metadata: 1,
  },
  /** Metadata keys whose values are read as text (the Medusa layer picks them from product.metadata). */
  metadataKeys: [] as string[],
  /** Terms in more than this share of documents are ignored (they say nothing). */
  maxDocumentFrequency: 0.2,
  /** ...but terms in at most this many documents always stay, so a small catalogue keeps its shared words. */
  keepDocumentCount: 10,
  /** Longest posting list walked per term, so cost grows linearly with the catalogue. */
  maxPostings: 500,
  /** Cosines below this are not neighbours. */
  minSimilarity: 0.05,
}

export const TRENDING = {
  /** Half-life of an order's or view's weight, in days. */
  halfLifeDays: 14,
  /** The half-life grows until decayed weights add up to this many orders (small shops). */
  minEffectiveOrders: 500,
  /** A view counts this much of a purchase. */
  viewWeight: 0.05,
}

export const PERSONAL = {
  /** Half-life of a past interaction's weight, in days. */
  halfLifeDays: 120,
  /** How much the shopper's own past products count (repeat purchases). */
  repeatWeight: 1,
  /** How much products reached through neighbour lists count. */
  neighbourWeight: 0.2,
  /** History items expanded through their neighbours (the strongest by recency-weighted share). */
  maxHistory: 50,
  /** Neighbours read per expanded item (rows are best first). */
  neighbourDepth: 50,
  /** Newest events read from a history; older ones weigh little after decay. */
  maxEvents: 500,
}

/**
 * Latent factors (als.ts). Not part of the hybrid: `bench --only als` measures what they would
 * add to its for-you lists, and it is within the noise (README). The best of the values tried.
 */
export const ALS = {
  /** Factors per customer and product. */
  k: 32,
  /** Confidence of a purchase: 1 + alpha * orders holding it. */
  alpha: 10,
  /** Ridge on every factor. */
  lambda: 30,
  iterations: 10,
  /** Seed of the random start. */
  seed: 1,
}

export const CALIBRATION = {
  /** Shops with at most this many training order lines measure their prior scale (it trains twice). */
  maxLines: 100_000,
  /** The newest share of training orders the candidate scales are scored on. */
  validationFraction: 0.1,
  /** Candidate multipliers of the trending weight (1 = the defaults), each against the best sellers alone. */
  scales: [1, 4, 16, 64, 256, 1024],
  /** A candidate beats the best sellers alone only when its mean NDCG gain exceeds z standard errors. */
  z: 1.64,
  /** Fewer validation cases than this on a task: keep 1, the defaults (too few to measure). */
  minCases: 20,
}

export const EXPLORATION = {
  /** A product in at most this many training orders counts as fresh. */
  maxOrders: 2,
  /** Fresh products kept in the exploration pool, newest first. */
  poolSize: 200,
}

export const TUNE = {
  /** The offline evaluation's split: the newest share of orders scores the candidates. */
  testFraction: 0.1,
  /** List length scored (NDCG@k, hit rate@k). */
  k: 10,
  /** Values tried for each source's weight (weights are relative: only their ratios rank). */
  weights: [0, 0.05, 0.25, 0.5, 1, 2, 4],
  /** MMR lambda values tried (1 = relevance only). */
  lambdas: [1, 0.9, 0.8, 0.7, 0.5],
  /** Category caps tried (0 = no cap). */
  maxPerCategory: [0, 2, 3, 5],
  /** Passes over the parameters; the search stops sooner once a pass changes nothing. */
  rounds: 3,
  /** Candidate settings scored in all (both surfaces), each one pass over the test cases. */
  maxEvaluations: 120,
  /** Relative NDCG gain a change needs over the incumbent: small test windows are noisy. */
  minGain: 0.01,
  /** A surface with fewer test cases than this is not searched (its figures say little). */
  minCases: 20,
}

/** Half-lives are in days; times are in milliseconds. */
export const MS_PER_DAY = 86_400_000

const surface = (s: Partial<SurfaceSettings> & Pick<SurfaceSettings, "weights" | "fallbacks">): SurfaceSettings => ({
  minScore: 0,
  limit: 10,
  diversity: { lambda: 1, maxPerCategory: 0, explorationSlots: 0 },
  filters: { excludeCart: true, excludePurchased: false, availableOnly: true },
  ...s,
})

/** Default settings per surface. */
export const SURFACE_DEFAULTS: Record<Surface, SurfaceSettings> = {
  also_bought: surface({
    weights: { cooccurrence: 1, content: 0, personal: 0, trending: 1 },
    fallbacks: ["cooccurrence", "content", "category_trending", "trending"],
  }),
  related: surface({
    weights: { cooccurrence: 0.2, content: 1, personal: 0, trending: 0.05 },
    fallbacks: ["content", "category_trending", "trending"],
  }),
  cart: surface({
    weights: { cooccurrence: 1, content: 0, personal: 0, trending: 1 },
    fallbacks: ["cooccurrence", "category_trending", "trending"],
  }),
  for_you: surface({
    weights: { cooccurrence: 0, content: 0, personal: 1, trending: 0.05 },
    fallbacks: ["trending"],
  }),
}
