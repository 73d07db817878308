/**
 * Auto-tune on synthetic stores whose signal is known: co-purchase is informative (items come in
 * pairs bought together) and the product text is noise (random words), so a merchant running on
 * content alone should be told to weigh co-purchase; and on pure noise the proposal never scores
 * below the current settings.
 */
import { offlineEvaluation } from "../../../src/engine/offline"
import { SURFACE_DEFAULTS, TUNE } from "../../../src/engine/params"
import { tune } from "../../../src/engine/tune"
import type { ProductDocument, SurfaceSettings } from "../../../src/engine/types"
import { mulberry32 } from "../../../src/bench/synthetic"
import { ordersOf, type Basket } from "./orders-fixture"

const N_ITEMS = 60
const N_CUSTOMERS = 40

/** Random titles from a small vocabulary: content neighbours exist but say nothing about purchases. */
function noiseDocuments(random: () => number): ProductDocument[] {
  return Array.from({ length: N_ITEMS }, () => ({
    title: Array.from({ length: 3 }, () => `word${Math.floor(random() * 25)}`).join(" "),
    categories: [`cat${Math.floor(random() * 6)}`],
  }))
}

/** Orders, oldest first: `paired` = each holds a pair (2i, 2i+1) plus one random item. */
function store(seed: number, paired: boolean, nOrders = 500) {
  const random = mulberry32(seed)
  const baskets: Basket[] = []
  for (let o = 0; o < nOrders; o++) {
    const items = new Set<number>()
    if (paired) {
      const pair = Math.floor(random() * (N_ITEMS / 2))
      items.add(2 * pair).add(2 * pair + 1)
    } else {
      items.add(Math.floor(random() * N_ITEMS)).add(Math.floor(random() * N_ITEMS))
    }
    items.add(Math.floor(random() * N_ITEMS))
    baskets.push({ items: [...items], age: (nOrders - o) / 10, customer: Math.floor(random() * N_CUSTOMERS) })
  }
  const orders = ordersOf(N_ITEMS, baskets, N_CUSTOMERS)
  const productIds = Array.from({ length: N_ITEMS }, (_, i) => `prod_${String(i).padStart(3, "0")}`)
  return { orders, documents: noiseDocuments(random), productIds }
}

const contentOnly: SurfaceSettings = {
  ...SURFACE_DEFAULTS.also_bought,
  weights: { cooccurrence: 0, content: 1, personal: 0, trending: 0 },
}

describe("tune", () => {
  it("raises the co-purchase weight where co-purchase predicts and the text is noise, and scores higher", async () => {
    const input = store(1, true)
    const result = await tune(input, { current: { also_bought: contentOnly, for_you: SURFACE_DEFAULTS.for_you } })
    const ab = result.surfaces.also_bought
    expect(ab.skipped).toBeUndefined()
    expect(ab.changed).toBe(true)
    expect(ab.proposed.weights.cooccurrence).toBeGreaterThan(0)
    // Pairs make co-purchase the strongest source: it must outweigh the noisy text.
    expect(ab.proposed.weights.cooccurrence).toBeGreaterThan(ab.proposed.weights.content)
    expect(ab.proposedFigures.ndcg).toBeGreaterThan(ab.currentFigures.ndcg * (1 + TUNE.minGain))
    expect(ab.currentFigures.cases).toBe(ab.proposedFigures.cases)
    // Only the searched parameters change; the rest of the merchant's settings stay.
    expect(ab.proposed.fallbacks).toEqual(contentOnly.fallbacks)
    expect(ab.proposed.filters).toEqual(contentOnly.filters)
    expect(ab.proposed.weights.personal).toBe(contentOnly.weights.personal)
    expect(result.trainOrders + result.testOrders).toBe(500)
    expect(result.testOrders).toBe(Math.round(500 * TUNE.testFraction))
  })

  it("reports the figures the offline evaluation gives the current and the proposed settings on the same split", async () => {
    const input = store(2, true)
    const result = await tune(input, { current: { also_bought: contentOnly, for_you: SURFACE_DEFAULTS.for_you } })
    const { also_bought, for_you } = result.surfaces
    const check = async (a: SurfaceSettings, f: SurfaceSettings) =>
      offlineEvaluation(input, { testFraction: TUNE.testFraction, k: TUNE.k, surfaces: { ...SURFACE_DEFAULTS, also_bought: a, for_you: f } })
    const current = await check(also_bought.current, for_you.current)
    const proposed = await check(also_bought.proposed, for_you.proposed)
    expect(also_bought.currentFigures.ndcg).toBeCloseTo(current.alsoBought.hybrid.ndcg, 12)
    expect(also_bought.proposedFigures.ndcg).toBeCloseTo(proposed.alsoBought.hybrid.ndcg, 12)
    expect(also_bought.proposedFigures.hitRate).toBeCloseTo(proposed.alsoBought.hybrid.hr, 12)
    expect(also_bought.proposedFigures.coverage).toBeCloseTo(proposed.alsoBought.hybrid.coverage!, 12)
    expect(for_you.currentFigures.ndcg).toBeCloseTo(current.forYou.hybrid.ndcg, 12)
    expect(for_you.proposedFigures.ndcg).toBeCloseTo(proposed.forYou.hybrid.ndcg, 12)
    expect(for_you.proposedFigures.coverage).toBeNull()
  })

  it.each([3, 4, 5])("never proposes settings scoring below the current ones (noise store %i)", async (seed) => {
    const input = store(seed, false)
    const current = {
      also_bought: { ...SURFACE_DEFAULTS.also_bought, diversity: { lambda: 0.7, maxPerCategory: 2, explorationSlots: 0 } },
      for_you: SURFACE_DEFAULTS.for_you,
    }
    const result = await tune(input, { current })
    for (const surface of ["also_bought", "for_you"] as const) {
      const p = result.surfaces[surface]
      expect(p.proposedFigures.ndcg).toBeGreaterThanOrEqual(p.currentFigures.ndcg)
      if (!p.changed) expect(p.proposed).toBe(current[surface])
    }
  })

  it("keeps to its evaluation budget and reports progress up to 1", async () => {
    const input = store(6, true)
    const seen: number[] = []
    const params = { ...TUNE, maxEvaluations: 8 }
    const result = await tune(input, { current: { also_bought: contentOnly, for_you: SURFACE_DEFAULTS.for_you }, params, onProgress: (f) => seen.push(f) })
    expect(result.surfaces.also_bought.evaluations).toBeLessThanOrEqual(4)
    expect(result.surfaces.for_you.evaluations).toBeLessThanOrEqual(4)
    expect(seen[seen.length - 1]).toBe(1)
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1])
  })

  it("does not search a surface with too few test cases, and says why", async () => {
    const input = store(7, true, 40)
    const result = await tune(input, { current: { also_bought: contentOnly, for_you: SURFACE_DEFAULTS.for_you }, params: { ...TUNE, minCases: 1000 } })
    for (const surface of ["also_bought", "for_you"] as const) {
      const p = result.surfaces[surface]
      expect(p.skipped).toMatch(/test cases: the search needs at least 1000/)
      expect(p.changed).toBe(false)
      expect(p.evaluations).toBe(1)
    }
  })
})
