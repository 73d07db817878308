import { blend, createScratch, POOL_PER_ITEM, seedsOf, type Scratch } from "../../../src/engine/blend"
import { SURFACE_DEFAULTS } from "../../../src/engine/params"
import type { Candidate, RecommendationRequest, Source, SurfaceSettings } from "../../../src/engine/types"
import { modelOf, type ItemSpec } from "./fixture"

/**
 * The fixture store (see fixture.ts): co-purchase rows 0 -> 1 (0.5), 2 (0.3), 3 (0.1) and
 * 3 -> 4 (0.6), 1 (0.2), 0 (0.15); content row 0 -> 2 (2/3), 5 (0.64), 1 (0.48);
 * trending 6 (0.5), 0 (0.4), 1 (0.3), 3 (0.2).
 */
const model = modelOf()

const settings = (weights: Partial<Record<Source, number>>, limit = 10): SurfaceSettings => ({
  ...SURFACE_DEFAULTS.also_bought,
  limit,
  weights: { cooccurrence: 0, content: 0, personal: 0, trending: 0, ...weights },
})

const request = (r: Partial<RecommendationRequest>): RecommendationRequest => ({ surface: "also_bought", limit: 10, ...r })

/** [id, score] pairs, scores to 6 decimals. */
const pairs = (list: Candidate[]) => list.map((c) => [c.id, +c.score.toFixed(6)])

/** Every per-request buffer that must be back at zero between requests. */
const dirty = (s: Scratch) =>
  [s.cooccurrence, s.content, s.personal, s.blended, s.mark].reduce((n, a) => n + (a as ArrayLike<number> & Iterable<number>).length - [...a].filter((v) => v === 0).length, 0)

describe("seedsOf", () => {
  it("takes the request's seeds, else the cart on the cart surface", () => {
    expect(seedsOf(request({ seeds: [2] }))).toEqual([2])
    expect(seedsOf(request({ surface: "cart", cart: [0, 3] }))).toEqual([0, 3])
    expect(seedsOf(request({ surface: "cart", cart: [0, 3], seeds: [1] }))).toEqual([1])
    expect(seedsOf(request({ cart: [0, 3] }))).toEqual([])
    expect(seedsOf(request({ surface: "cart" }))).toEqual([])
  })
})

describe("blend", () => {
  it("adds the weighted sources on one scale", () => {
    // Co-purchase weight 1, trending weight 2, seed 0:
    //   1: 0.5 + 2 * 0.3 = 1.1;  6: 2 * 0.5 = 1.0;  0: 2 * 0.4 = 0.8;  3: 0.1 + 2 * 0.2 = 0.5;  2: 0.3.
    const out = blend(model, request({ seeds: [0] }), settings({ cooccurrence: 1, trending: 2 }), createScratch(model.nItems))
    expect(pairs(out)).toEqual([
      [1, 1.1],
      [6, 1],
      [0, 0.8],
      [3, 0.5],
      [2, 0.3],
    ])
  })

  it("multiplies the trending weight by the model's prior scale; Infinity keeps the best sellers alone", () => {
    const withScale = (seeded: number) => ({ ...model, priorScale: { seeded, personal: 1 } })
    // Scale 4, seed 0: 1: 0.5 + 4 * 0.3 = 1.7;  6: 4 * 0.5 = 2;  0: 4 * 0.4 = 1.6;  3: 0.1 + 4 * 0.2 = 0.9;  2: 0.3.
    const scaled = blend(withScale(4), request({ seeds: [0] }), settings({ cooccurrence: 1, trending: 1 }), createScratch(model.nItems))
    expect(pairs(scaled)).toEqual([
      [6, 2],
      [1, 1.7],
      [0, 1.6],
      [3, 0.9],
      [2, 0.3],
    ])
    const alone = blend(withScale(Infinity), request({ seeds: [0] }), settings({ cooccurrence: 1, trending: 1 }), createScratch(model.nItems))
    expect(pairs(alone)).toEqual([
      [6, 0.5],
      [0, 0.4],
      [1, 0.3],
      [3, 0.2],
    ])
    // A surface without a prior keeps its own weights.
    expect(pairs(blend(withScale(Infinity), request({ seeds: [0] }), settings({ cooccurrence: 1 }), createScratch(model.nItems)))).toEqual([
      [1, 0.5],
      [2, 0.3],
      [3, 0.1],
    ])
  })

  it("keeps each source's weighted share in sources", () => {
    const out = blend(model, request({ seeds: [0] }), settings({ cooccurrence: 1, trending: 2 }), createScratch(model.nItems))
    const byId = new Map(out.map((c) => [c.id, c.sources]))
    expect(byId.get(1)).toEqual({ cooccurrence: expect.closeTo(0.5, 6), trending: expect.closeTo(0.6, 6) })
    expect(byId.get(3)).toEqual({ cooccurrence: expect.closeTo(0.1, 6), trending: expect.closeTo(0.4, 6) })
    expect(byId.get(2)).toEqual({ cooccurrence: expect.closeTo(0.3, 6) })
    expect(byId.get(6)).toEqual({ trending: expect.closeTo(1, 6) })
    // The sources add up to the score.
    for (const c of out) expect(Object.values(c.sources).reduce((a, b) => a + b!, 0)).toBeCloseTo(c.score, 6)
  })

  it("mixes content and co-purchase rows of the seed", () => {
    // Co-purchase 0.5, content 1, seed 0:
    //   2: 0.5 * 0.3 + 2/3 = 0.816667;  1: 0.5 * 0.5 + 0.48 = 0.73;  5: 0.64;  3: 0.5 * 0.1 = 0.05.
    const out = blend(model, request({ seeds: [0] }), settings({ cooccurrence: 0.5, content: 1 }), createScratch(model.nItems))
    expect(pairs(out)).toEqual([
      [2, 0.816667],
      [1, 0.73],
      [5, 0.64],
      [3, 0.05],
    ])
    expect(out[0].sources).toEqual({ cooccurrence: expect.closeTo(0.15, 6), content: expect.closeTo(2 / 3, 6) })
  })

  it("takes the mean over several cart seeds", () => {
    // Cart 0 and 3, co-purchase only: each row counts 1/2.
    //   1: (0.5 + 0.2) / 2 = 0.35;  4: 0.6 / 2 = 0.3;  2: 0.3 / 2 = 0.15;  0: 0.15 / 2 = 0.075;  3: 0.1 / 2 = 0.05.
    const s = settings({ cooccurrence: 1 })
    const out = blend(model, request({ surface: "cart", cart: [0, 3] }), s, createScratch(model.nItems))
    expect(pairs(out)).toEqual([
      [1, 0.35],
      [4, 0.3],
      [2, 0.15],
      [0, 0.075],
      [3, 0.05],
    ])
    expect(out[0].sources).toEqual({ cooccurrence: expect.closeTo(0.35, 6) })
    // The same seeds given explicitly blend the same.
    expect(pairs(blend(model, request({ seeds: [3, 0] }), s, createScratch(model.nItems)))).toEqual(pairs(out))
  })

  it("scores personal history on the same scale", () => {
    // History: 3 once, at trainedUntil. Repeat 3 = 1; neighbours at 0.2: 4 = 0.2 * 0.6 = 0.12,
    // 1 = 0.2 * 0.2 = 0.04, 0 = 0.2 * 0.15 = 0.03. Trending at weight 0.1 adds 0.02, 0, 0.03, 0.04 (and 6: 0.05).
    const out = blend(
      model,
      request({ surface: "for_you", history: { ids: [3], time: [model.trainedUntil] } }),
      settings({ personal: 1, trending: 0.1 }),
      createScratch(model.nItems)
    )
    expect(pairs(out)).toEqual([
      [3, 1.02],
      [4, 0.12],
      [0, 0.07],
      [1, 0.07],
      [6, 0.05],
    ])
    expect(out[0].sources).toEqual({ personal: expect.closeTo(1, 6), trending: expect.closeTo(0.02, 6) })
    // Personal weight 0 ignores the history.
    const none = blend(model, request({ history: { ids: [3], time: [1000] } }), settings({ trending: 1 }), createScratch(model.nItems))
    expect(none.map((c) => c.id)).toEqual([6, 0, 1, 3])
  })

  it("touches only sources with a weight", () => {
    // Trending weight 0: only the seed's row, no trending items, no trending in sources.
    const out = blend(model, request({ seeds: [0] }), settings({ cooccurrence: 1 }), createScratch(model.nItems))
    expect(out.map((c) => c.id)).toEqual([1, 2, 3])
    expect(out.every((c) => c.sources.trending === undefined)).toBe(true)
    // No seeds: the trending order alone.
    expect(blend(model, request({}), settings({ cooccurrence: 1, trending: 1 }), createScratch(model.nItems)).map((c) => c.id)).toEqual([6, 0, 1, 3])
    // A seed the model does not know adds nothing and breaks nothing.
    expect(blend(model, request({ seeds: [0, 99] }), settings({ cooccurrence: 1 }), createScratch(model.nItems)).map((c) => c.id)).toEqual([1, 2, 3])
  })

  it("leaves the scratch zeroed, so one request never leaks into the next", () => {
    const scratch = createScratch(model.nItems)
    const all = settings({ cooccurrence: 1, content: 1, personal: 1, trending: 1 })
    const first = request({ seeds: [0], history: { ids: [0, 3], time: [1000, 1000] } })
    blend(model, first, all, scratch)
    expect(dirty(scratch)).toBe(0)
    // A second request on the used scratch equals the same request on a fresh one.
    const second = request({ seeds: [3] })
    const reused = blend(model, second, all, scratch)
    const fresh = blend(model, second, all, createScratch(model.nItems))
    expect(reused).toEqual(fresh)
    // Seed 3 alone: 4 = 0.6, 1 = 0.2 + 0.3 = 0.5, 0 = 0.15 + 0.4 = 0.55, 6 = 0.5, 3 = 0.2; 2 and 5 (seed 0's rows) are absent.
    expect(pairs(reused)).toEqual([
      [4, 0.6],
      [0, 0.55],
      [1, 0.5],
      [6, 0.5],
      [3, 0.2],
    ])
    expect(dirty(scratch)).toBe(0)
  })

  describe("pool size", () => {
    // 150 items, item i trending (i + 1) / 1000, so the trending order is 149, 148, ...
    const items: ItemSpec[] = Array.from({ length: 150 }, (_, i) => ({ title: `Item ${i}`, trending: (i + 1) / 1000 }))
    const big = modelOf(items, [], [])
    const run = (limit: number) => blend(big, request({ limit }), settings({ trending: 1 }, limit), createScratch(big.nItems))

    it("keeps max(100, 10 per requested item) candidates, best first", () => {
      expect(POOL_PER_ITEM).toBe(10)
      // limit 5: max(100, 50) = 100, the 100 best trending items 149..50.
      const five = run(5)
      expect(five.map((c) => c.id)).toEqual(Array.from({ length: 100 }, (_, r) => 149 - r))
      expect(five[99].score).toBeCloseTo(0.051, 6)
      // limit 12: 120 = 149..30.
      const twelve = run(12)
      expect(twelve.length).toBe(120)
      expect(twelve[119].id).toBe(30)
      // limit 20: 200 > 150 items, all of them.
      expect(run(20).length).toBe(150)
    })
  })
})
