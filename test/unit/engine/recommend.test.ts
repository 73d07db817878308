import { createScratch } from "../../../src/engine/blend"
import { indexCatalog, type CatalogEntry } from "../../../src/engine/catalog"
import { contentSimilarity } from "../../../src/engine/mmr"
import { CONTENT, SURFACE_DEFAULTS } from "../../../src/engine/params"
import { recommend, type RecommendContext } from "../../../src/engine/recommend"
import { train } from "../../../src/engine/train"
import type { Catalog, Model, Recommendation, RecommendationRequest, Rule, Source, Surface, SurfaceSettings } from "../../../src/engine/types"
import { NOW, ordersOf } from "./orders-fixture"

/**
 * A six-product store. Titles share no word, so the content model has no neighbours and every
 * score below comes from co-purchase and trending.
 *
 *   id  title   category        orders (all at NOW)
 *    0  Anchor  deck   (0)      O0 {0,1} O1 {0,1,2} O2 {0,2} O3 {3,4} O4 {0,3} O5 {5}
 *    1  Beacon  deck   (0)
 *    2  Candle  cabin  (1)      N: 0 -> 4, 1 -> 2, 2 -> 2, 3 -> 2, 4 -> 1, 5 -> 1
 *    3  Dune    cabin  (1)      C: 0-1 2, 0-2 2, 0-3 1, 1-2 1, 3-4 1
 *    4  Ember   cabin  (1)
 *    5  Fjord   galley (2)
 *
 * Co-purchase, decay off, popularityPower 0, shrinkage 1, minSupport 1: score = C / (N(seed) + 1)
 *   row 0 (1/5): 1 = 0.4 (2 orders), 2 = 0.4 (2), 3 = 0.2 (1)
 *   row 1 (1/3): 0 = 2/3 (2), 2 = 1/3 (1)      row 2 (1/3): 0 = 2/3 (2), 1 = 1/3 (1)
 *   row 3 (1/3): 0 = 1/3 (1), 4 = 1/3 (1)      row 4 (1/2): 3 = 0.5 (1)      row 5: none
 * Trending, 6 orders < minEffectiveOrders so undecayed shares of 6 orders:
 *   0 = 4/6, 1 = 2 = 3 = 2/6, 4 = 5 = 1/6; trending order 0, 1, 2, 3, 4, 5.
 */
const TITLES = ["Anchor", "Beacon", "Candle", "Dune", "Ember", "Fjord"]
const CATEGORIES = ["deck", "deck", "cabin", "cabin", "cabin", "galley"]
const ORDERS = ordersOf(
  6,
  [
    { items: [0, 1], customer: 0 },
    { items: [0, 1, 2], customer: 1 },
    { items: [0, 2] },
    { items: [3, 4], customer: 0 },
    { items: [0, 3], customer: 1 },
    { items: [5] },
  ],
  2
)
const PARAMS = {
  cooccurrence: { topK: 10, halfLifeDays: Infinity, basketPivot: 1000, basketPower: 0.5, popularityPower: 0, shrinkage: 1, minSupport: 1 },
  content: CONTENT,
  trending: { halfLifeDays: 14, minEffectiveOrders: 1000, viewWeight: 0 },
}

const entries = (unavailable: number[] = []): CatalogEntry[] =>
  CATEGORIES.map((c, i) => ({ categories: [c], price: 10 + i, available: !unavailable.includes(i) }))

let model: Model
let catalog: Catalog

beforeAll(async () => {
  const indexed = indexCatalog(entries())
  catalog = indexed.catalog
  model = await train(
    {
      orders: ORDERS,
      documents: TITLES.map((title) => ({ title })),
      categories: catalog.categories,
      nCategories: indexed.names.categories.length,
    },
    PARAMS,
    { threads: 1 }
  )
})

const context = (over: Partial<RecommendContext> = {}): RecommendContext => ({
  model,
  catalog,
  scratch: createScratch(model.nItems),
  similarity: contentSimilarity(model),
  titles: (id) => TITLES[id] ?? "",
  ...over,
})

/** A surface's defaults with other weights or fallbacks. */
const settings = (surface: Surface, over: Partial<SurfaceSettings> = {}, weights?: Partial<Record<Source, number>>): SurfaceSettings => ({
  ...SURFACE_DEFAULTS[surface],
  ...over,
  weights: weights ? { cooccurrence: 0, content: 0, personal: 0, trending: 0, ...weights } : SURFACE_DEFAULTS[surface].weights,
})

/** Co-purchase only, filled from trending. */
const coOnly = (surface: Surface = "also_bought") => settings(surface, { fallbacks: ["trending"] }, { cooccurrence: 1 })

const run = (request: Partial<RecommendationRequest>, s: SurfaceSettings, ctx: Partial<RecommendContext> = {}): Recommendation[] =>
  recommend({ surface: "also_bought", limit: 10, ...request }, s, context(ctx))

const ids = (list: Recommendation[]) => list.map((r) => r.id)

describe("the trained model", () => {
  it("holds the hand-computed co-purchase rows and trending shares", () => {
    const row = (i: number) =>
      Array.from({ length: model.cooccurrence.offsets[i + 1] - model.cooccurrence.offsets[i] }, (_, p) => {
        const at = model.cooccurrence.offsets[i] + p
        return [model.cooccurrence.ids[at], +model.cooccurrence.scores[at].toFixed(6), model.cooccurrence.support[at]]
      })
    expect(row(0)).toEqual([[1, 0.4, 2], [2, 0.4, 2], [3, 0.2, 1]])
    expect(row(3)).toEqual([[0, 0.333333, 1], [4, 0.333333, 1]])
    expect(row(5)).toEqual([])
    expect([...model.trending].map((v) => +v.toFixed(6))).toEqual([4 / 6, 2 / 6, 2 / 6, 2 / 6, 1 / 6, 1 / 6].map((v) => +v.toFixed(6)))
    expect([...model.trendingOrder]).toEqual([0, 1, 2, 3, 4, 5])
    expect(model.trainedUntil).toBe(NOW)
    expect(model.content.ids.length).toBe(0)
  })
})

describe("recommend", () => {
  it("never returns the seed, though it is the top trending item", () => {
    // Blend for seed 0: 1 = 0.4 + 2/6 = 0.733333, 2 = 0.733333, 3 = 0.2 + 2/6 = 0.533333, 4 = 5 = 1/6;
    // 0 itself would score 4/6 from trending.
    const out = run({ seeds: [0] }, settings("also_bought"))
    expect(ids(out)).toEqual([1, 2, 3, 4, 5])
    expect(out.map((r) => +r.score.toFixed(6))).toEqual([0.733333, 0.733333, 0.533333, 0.166667, 0.166667])
    // Nor through a fallback: co-purchase only gives 1, 2, 3; trending fills 4, 5 and skips 0.
    expect(ids(run({ seeds: [0], limit: 5 }, coOnly()))).toEqual([1, 2, 3, 4, 5])
  })

  it("names the seed and the co-order count for a co-purchase item", () => {
    const out = run({ seeds: [0], limit: 3 }, settings("also_bought"))
    // 1: co-purchase 0.4 beats trending 1/3, and 0 -> 1 rests on 2 orders (O0, O1).
    expect(out[0]).toMatchObject({ id: 1, reason: "Bought together with Anchor in 2 orders" })
    expect(out[0].sources).toEqual({ cooccurrence: expect.closeTo(0.4, 6), trending: expect.closeTo(1 / 3, 6) })
    // 3: co-purchase 0.2 is below trending 1/3, so trending explains it.
    expect(out[2]).toMatchObject({ id: 3, reason: "Popular right now" })
    // Seed 4: 3 = 0.5 (O3 only) + 1/3.
    expect(run({ seeds: [4], limit: 1 }, settings("also_bought"))[0]).toMatchObject({ id: 3, reason: "Bought together with Ember in 1 order" })
  })

  it("leaves the cart's items out on the cart surface", () => {
    // Cart 0 and 1, mean of their rows: 1 = 0.4/2 = 0.2, 2 = (0.4 + 1/3)/2 = 0.366667, 3 = 0.2/2 = 0.1, 0 = (2/3)/2 = 1/3.
    // Plus trending: 0 = 1.0, 2 = 0.7, 1 = 0.533333, 3 = 0.433333, 4 = 5 = 0.166667. 0 and 1 are in the cart.
    const out = run({ surface: "cart", cart: [0, 1] }, settings("cart"))
    expect(ids(out)).toEqual([2, 3, 4, 5])
    expect(+out[0].score.toFixed(6)).toBe(0.7)
    // 2's strongest link is seed 0 (0.4 against 1 -> 2 at 1/3), bought together in 2 orders.
    expect(out[0].reason).toBe("Bought together with Anchor in 2 orders")
    // Fallbacks skip the cart too: co-purchase 2, 3, then trending 4, 5 (0 and 1 skipped).
    expect(ids(run({ surface: "cart", cart: [0, 1], limit: 4 }, coOnly("cart")))).toEqual([2, 3, 4, 5])
  })

  it("puts a pinned item first, featured by the store", () => {
    const pin: Rule = { kind: "pin", items: [5] }
    // 5 is last in the blend (1/6); pinned, it leads and 1, 2 follow.
    const out = run({ seeds: [0], limit: 3 }, settings("also_bought"), { rules: [pin] })
    expect(ids(out)).toEqual([5, 1, 2])
    expect(out[0].reason).toBe("Featured by the store")
    expect(out[0].sources.rule).toBe(1)
    expect(out[1].reason).toBe("Bought together with Anchor in 2 orders")
    // A pin outside the blend, at position 1: co-purchase only gives 1, 2, 3.
    const at1 = run({ seeds: [0], limit: 3 }, coOnly(), { rules: [{ kind: "pin", items: [5], position: 1 }] })
    expect(ids(at1)).toEqual([1, 5, 2])
    expect(at1[1].reason).toBe("Featured by the store")
    // A pin on another surface does nothing here.
    expect(ids(run({ seeds: [0], limit: 3 }, settings("also_bought"), { rules: [{ ...pin, surfaces: ["cart"] }] }))).toEqual([1, 2, 3])
  })

  it("fills a short blend up to the limit from the fallbacks", () => {
    // Seed 4, co-purchase only: 3 (0.5). Trending fills 0 (4/6), 1, 2 (2/6 each); 3 is listed, 4 the seed.
    const out = run({ seeds: [4], limit: 4 }, coOnly())
    expect(ids(out)).toEqual([3, 0, 1, 2])
    expect(out[1].sources).toEqual({ trending: expect.closeTo(4 / 6, 6) })
    expect(out[1].reason).toBe("Popular right now")
    // The surface's chain: co-purchase (nothing more), content (none), category trending of "cabin"
    // (2, 3 listed, 4 the seed), then trending 0, 1.
    const chain = run({ seeds: [4], limit: 5 }, settings("also_bought", {}, { cooccurrence: 1 }))
    expect(ids(chain)).toEqual([3, 2, 0, 1, 5])
    expect(Object.keys(chain[1].sources)).toEqual(["category_trending"])
    expect(chain[1].reason).toBe("Popular in this category")
    // Never more than the limit, never fewer than the store can give: 6 items less the seed.
    expect(run({ seeds: [4], limit: 2 }, coOnly()).length).toBe(2)
    expect(run({ seeds: [4], limit: 20 }, coOnly()).length).toBe(5)
  })

  it("removes an item an exclude rule matches, from the blend and from the fallbacks", () => {
    const excludeAnchor: Rule = { kind: "exclude", match: { items: [0] } }
    // Without the rule 0 comes from trending (see above); with it trending gives 1, 2, 5.
    const out = run({ seeds: [4], limit: 4 }, coOnly(), { rules: [excludeAnchor] })
    expect(ids(out)).toEqual([3, 1, 2, 5])
    // Excluding the blend's only item: 3 goes and stays out of the fallbacks.
    expect(ids(run({ seeds: [4], limit: 4 }, coOnly(), { rules: [{ kind: "exclude", match: { items: [3] } }] }))).toEqual([0, 1, 2, 5])
    // By category: "deck" (index 0) holds 0 and 1.
    expect(ids(run({ seeds: [4], limit: 4 }, coOnly(), { rules: [{ kind: "exclude", match: { categories: [0] } }] }))).toEqual([3, 2, 5])
    // An exclusion beats a pin.
    expect(ids(run({ seeds: [4], limit: 2 }, coOnly(), { rules: [excludeAnchor, { kind: "pin", items: [0] }] }))).toEqual([3, 1])
  })

  it("never returns an unavailable item", () => {
    // 1 unavailable: seed 0 gives 2, 3, 4, 5 on the blend, on co-purchase plus trending, and when pinned.
    const { catalog: withoutBeacon } = indexCatalog(entries([1]))
    expect(ids(run({ seeds: [0] }, settings("also_bought"), { catalog: withoutBeacon }))).toEqual([2, 3, 4, 5])
    expect(ids(run({ seeds: [0] }, coOnly(), { catalog: withoutBeacon }))).toEqual([2, 3, 4, 5])
    expect(ids(run({ seeds: [0], limit: 2 }, settings("also_bought"), { catalog: withoutBeacon, rules: [{ kind: "pin", items: [1] }] }))).toEqual([2, 3])
    // Unavailable items stay out of "for you" even when the shopper buys them.
    expect(ids(run({ surface: "for_you", history: { ids: [1, 1], time: [NOW, NOW] } }, settings("for_you"), { catalog: withoutBeacon }))).not.toContain(1)
  })

  it("starts for_you with the shopper's repeat purchase", () => {
    // History 3, 0, 3 (all at NOW): shares 3 = 2/3, 0 = 1/3. Personal (neighbour weight 0.2):
    //   3: 2/3 + 0.2/3 * 0.2 (row 0) = 0.68;  0: 1/3 + 0.4/3 * 1/3 (row 3) = 0.377778;
    //   4: 0.4/3 * 1/3 = 0.044444;  1, 2: 0.2/3 * 0.4 = 0.026667.
    // Trending at 0.05: 0 + 0.033333, 1, 2, 3 + 0.016667, 4, 5 + 0.008333. Blended:
    //   3 = 0.696667, 0 = 0.411111, 4 = 0.052778, 1 = 2 = 0.043333, 5 = 0.008333.
    const out = run({ surface: "for_you", history: { ids: [3, 0, 3], time: [NOW, NOW, NOW] } }, settings("for_you"))
    expect(ids(out)).toEqual([3, 0, 4, 1, 2, 5])
    expect(out.map((r) => +r.score.toFixed(6))).toEqual([0.696667, 0.411111, 0.052778, 0.043333, 0.043333, 0.008333])
    expect(out[0].reason).toBe("You buy this often")
    expect(out[2].reason).toBe("Because you bought Dune")
    expect(out[5].reason).toBe("Popular right now")
  })

  it("skips reasons when asked", () => {
    expect(run({ seeds: [0], limit: 2 }, settings("also_bought"), { withoutReasons: true }).map((r) => r.reason)).toEqual(["", ""])
  })
})
