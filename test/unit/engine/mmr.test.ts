import { contentSimilarity, explore, freshItems, mmr } from "../../../src/engine/mmr"
import type { Candidate } from "../../../src/engine/types"
import { cand, catalogOf, ids, modelOf } from "./fixture"

const catalog = catalogOf()
const categoriesOf = (id: number) => catalog.categories.ids.subarray(catalog.categories.offsets[id], catalog.categories.offsets[id + 1])
const noCategories = () => []
/** Symmetric similarity from a table of pairs; 0 elsewhere, 1 on the diagonal. */
const table = (pairs: Record<string, number>) => (a: number, b: number) =>
  a === b ? 1 : pairs[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? 0

describe("contentSimilarity", () => {
  it("is the cosine of the two term rows", () => {
    const sim = contentSimilarity(modelOf())
    expect(sim(0, 1)).toBeCloseTo(0.48, 6) // linen 0.6 * 0.8
    expect(sim(0, 5)).toBeCloseTo(0.64, 6) // cushion 0.8 * 0.8
    expect(sim(0, 2)).toBeCloseTo(2 / 3, 6) // linen 0.6 * 2/3 + cushion 0.8 * 1/3
    expect(sim(1, 5)).toBe(0)
    expect(sim(3, 0)).toBe(0) // no text
    expect(sim(2, 2)).toBeCloseTo(1, 6)
  })
})

describe("mmr", () => {
  const sim = table({ "10-11": 0.9 })
  const abc = () => [cand(12, 0.5), cand(10, 1), cand(11, 0.9)]

  it("at lambda 1 is score order, ties in incoming order, pins at their positions", () => {
    const list = [cand(3, 0.2), cand(1, 0.9), cand(2, 0.5), cand(4, 0.5), cand(6, 0, { rule: 1 }, 1)]
    expect(ids(mmr(list, 4, { lambda: 1, maxPerCategory: 0 }, sim, noCategories))).toEqual([1, 6, 2, 4])
  })

  it("trades relevance for dissimilarity", () => {
    // lambda 0.5: 10 = 0.5; 11 = 0.45 - 0.45 (0.9 like 10) = 0; 12 = 0.25 -> 10, 12, 11.
    expect(ids(mmr(abc(), 3, { lambda: 0.5, maxPerCategory: 0 }, sim, noCategories))).toEqual([10, 12, 11])
    expect(ids(mmr(abc(), 2, { lambda: 0.5, maxPerCategory: 0 }, sim, noCategories))).toEqual([10, 12])
    // lambda 0.9: 11 = 0.81 - 0.09 = 0.72 beats 12 = 0.45.
    expect(ids(mmr(abc(), 2, { lambda: 0.9, maxPerCategory: 0 }, sim, noCategories))).toEqual([10, 11])
  })

  it("counts pins as picked", () => {
    // Pin 13 is 0.9 like 10, so 10 = 0.5 - 0.45 = 0.05 loses to 11 = 0.45, then to 12 = 0.25.
    const pinnedSim = table({ "10-13": 0.9 })
    const list = [cand(13, 0, { rule: 1 }, 0), cand(10, 1), cand(11, 0.9), cand(12, 0.5)]
    expect(ids(mmr(list, 3, { lambda: 0.5, maxPerCategory: 0 }, pinnedSim, noCategories))).toEqual([13, 11, 12])
  })

  it("skips items whose category is full, which can leave the list short", () => {
    // 0, 1 in category 0; 2 in 0 and 1; 3 in 2.
    const list = [cand(0, 0.9), cand(1, 0.8), cand(2, 0.7), cand(3, 0.1)]
    const params = (maxPerCategory: number) => ({ lambda: 1, maxPerCategory })
    expect(ids(mmr(list, 4, params(1), sim, categoriesOf))).toEqual([0, 3])
    expect(ids(mmr(list, 4, params(2), sim, categoriesOf))).toEqual([0, 1, 3])
    expect(ids(mmr(list, 4, params(0), sim, categoriesOf))).toEqual([0, 1, 2, 3])
    const pinned = [cand(1, 0, { rule: 1 }, 0), cand(0, 0.9), cand(3, 0.1)]
    expect(ids(mmr(pinned, 4, params(1), sim, categoriesOf))).toEqual([1, 3])
  })

  it("matches a plain greedy MMR on random lists", () => {
    let seed = 7
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
    for (let round = 0; round < 50; round++) {
      const n = 30
      const m = Array.from({ length: n }, () => new Float64Array(n))
      for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) m[a][b] = m[b][a] = random() < 0.3 ? random() : 0
      const similarity = (a: number, b: number) => m[a][b]
      const cats = Array.from({ length: n }, () => [Math.floor(random() * 4)])
      const list = Array.from({ length: n }, (_, id) => cand(id, random()))
      const params = { lambda: 0.3 + 0.7 * random(), maxPerCategory: round % 2 ? 3 : 0 }
      expect(ids(mmr(list, 10, params, similarity, (id) => cats[id]))).toEqual(plainMmr(list, 10, params, similarity, cats))
    }
  })
})

/** Textbook greedy MMR, every value recomputed every step. */
function plainMmr(list: Candidate[], k: number, p: { lambda: number; maxPerCategory: number }, sim: (a: number, b: number) => number, cats: number[][]) {
  const max = Math.max(...list.map((c) => c.score))
  const picked: number[] = []
  const count = new Map<number, number>()
  const left = [...list]
  while (picked.length < k) {
    let best = -Infinity
    let arg = -1
    left.forEach((c, i) => {
      if (p.maxPerCategory && cats[c.id].some((x) => (count.get(x) ?? 0) >= p.maxPerCategory)) return
      const v = p.lambda * (c.score / max) - (1 - p.lambda) * Math.max(0, ...picked.map((q) => sim(c.id, q)))
      if (v > best || (v === best && c.score > left[arg].score)) [best, arg] = [v, i]
    })
    if (arg < 0) break
    const [c] = left.splice(arg, 1)
    picked.push(c.id)
    for (const x of cats[c.id]) count.set(x, (count.get(x) ?? 0) + 1)
  }
  return picked
}

describe("explore", () => {
  const never = () => false
  const list = [cand(1, 0.9), cand(2, 0.5), cand(3, 0.4)]

  it("gives the last slots to fresh items, skipping blocked and listed ones", () => {
    const out = explore(list, 3, 1, [2, 5, 7, 4], (id) => id === 5)
    expect(ids(out)).toEqual([1, 2, 7])
    expect(out[2]).toEqual({ id: 7, score: 0, sources: { exploration: 1 } })
    expect(ids(explore(list, 3, 2, [7, 4], never))).toEqual([1, 7, 4])
  })

  it("appends to a short list and never moves a pin", () => {
    expect(ids(explore([cand(1, 0.9)], 3, 1, [7], never))).toEqual([1, 7])
    expect(ids(explore([cand(1, 0.9), cand(2, 0.5), cand(6, 0, { rule: 1 }, 2)], 3, 1, [7], never))).toEqual([1, 7, 6])
  })

  it("returns the list as is without fresh items", () => {
    expect(explore(list, 3, 2, [1, 2], never)).toBe(list)
  })
})

describe("freshItems", () => {
  it("lists available items with few orders, newest first", () => {
    // Orders <= 10: 4 (created 500), 5 (600, unavailable), 7 (700).
    expect(Array.from(freshItems(modelOf(), catalog, 10, 5))).toEqual([7, 4])
    expect(Array.from(freshItems(modelOf(), catalog, 10, 1))).toEqual([7])
    expect(Array.from(freshItems(modelOf(), catalog, 25, 5))).toEqual([7, 4, 3, 2])
  })
})
