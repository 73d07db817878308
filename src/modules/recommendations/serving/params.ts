/** Serving's timings and sizes: how fresh each piece of state is and how much a request over-asks. */
export const SERVING = {
  /**
   * A newer current model version and changed product documents (status, sales channels,
   * categories) are looked for at most this often (ms), in the background.
   */
  catalogueCheckMs: 1_000,
  /** Settings and rules are re-read in the background when older than this (ms): admin changes apply within about it. */
  settingsTtlMs: 1_000,
  /**
   * How long a product's stock answer (or a hydration that found it gone) is trusted (ms). Each
   * re-check is a variants query; checkout enforces stock itself, so a list may lag it a little.
   */
  stockTtlMs: 30_000,
  /**
   * Products per background stock query (re-checks are coalesced across requests). A check through
   * Query costs about 4 ms of CPU plus 0.1 ms per product, in one stretch of the event loop, so
   * batches stay small and the loop serves requests between them.
   */
  recheckBatch: 50,
  /**
   * Products a new channel view checks in the background, best sellers first, so that requests
   * seldom wait for a first stock check (a product never checked is checked before it is shown).
   */
  warmProducts: 20_000,
  /** How long a sales channel's stock locations are trusted (ms). */
  locationsTtlMs: 30_000,
  /** Extra candidates ranked beyond `limit`, to replace products hydration finds gone. */
  margin: 4,
  /** Rankings per request when stock checks remove candidates. */
  stockRounds: 3,
  /** Largest `limit` a storefront may ask for. */
  maxLimit: 50,
  /** Distinct viewed products read for "recently viewed". */
  recentlyViewed: 100,
}

/** How much one event of a shopper's history counts toward "for you" (a purchase is 1). */
export const HISTORY_WEIGHTS = {
  purchase: 1,
  add_to_cart: 0.5,
  view: 0.2,
} as const

export type HistoryType = keyof typeof HISTORY_WEIGHTS
