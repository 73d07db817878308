import {
  balancedRanges,
  concatRows,
  cooccurrence,
  cooccurrenceRows,
  orderWeights,
  prepareCooccurrence,
  type CooccurrenceParams,
} from "../../../src/engine/cooccurrence"
import { effectiveHalfLife } from "../../../src/engine/csr"
import { startCooccurrence } from "../../../src/engine/parallel"
import { DAY, NOW, expectRows, ordersOf, rowsOf } from "./orders-fixture"

/**
 * Five baskets over five items, all at NOW unless a test ages one:
 *   B0 {0,1,2}  B1 {0,1}  B2 {1,2,3}  B3 {0,3}  B4 {2,4}
 * Order counts N: 0 -> 3 (B0 B1 B3), 1 -> 3 (B0 B1 B2), 2 -> 3 (B0 B2 B4), 3 -> 2 (B2 B3), 4 -> 1 (B4).
 * Co-orders C: 0-1 2 (B0 B1), 0-2 1, 0-3 1, 1-2 2 (B0 B2), 1-3 1, 2-3 1, 2-4 1; 0-4, 1-4, 3-4 none.
 */
const BASKETS = [[0, 1, 2], [0, 1], [1, 2, 3], [0, 3], [2, 4]]
const orders = (ages: number[] = [0, 0, 0, 0, 0]) => ordersOf(5, BASKETS.map((items, o) => ({ items, age: ages[o] })))

/** Decay off, no basket down-weighting, plain conditional probability, shrinkage 1, every pair kept. */
const PLAIN: CooccurrenceParams = {
  topK: 10,
  halfLifeDays: Infinity,
  basketPivot: 1000,
  basketPower: 0.5,
  popularityPower: 0,
  shrinkage: 1,
  minSupport: 1,
}

describe("cooccurrence", () => {
  it("scores C(i, j) / (N(i) + shrinkage), best first, ties by id, with the raw co-order count", () => {
    const nb = cooccurrence(orders(), PLAIN)
    expect([...nb.offsets]).toEqual([0, 3, 6, 10, 13, 14])
    expectRows(rowsOf(nb), [
      // Row 0, 1 / (3 + 1): 1 = 2/4, 2 = 1/4, 3 = 1/4 (tie: 2 before 3).
      [[1, 0.5, 2], [2, 0.25, 1], [3, 0.25, 1]],
      // Row 1, 1 / 4: 0 = 2/4, 2 = 2/4 (tie), 3 = 1/4.
      [[0, 0.5, 2], [2, 0.5, 2], [3, 0.25, 1]],
      // Row 2, 1 / 4: 1 = 2/4, then 0, 3, 4 at 1/4.
      [[1, 0.5, 2], [0, 0.25, 1], [3, 0.25, 1], [4, 0.25, 1]],
      // Row 3, 1 / (2 + 1): 0, 1, 2 at 1/3.
      [[0, 1 / 3, 1], [1, 1 / 3, 1], [2, 1 / 3, 1]],
      // Row 4, 1 / (1 + 1): 2 = 1/2.
      [[2, 0.5, 1]],
    ])
  })

  it("is not symmetric: the seed's order count sets the scale", () => {
    const nb = rowsOf(cooccurrence(orders(), PLAIN))
    // 2 -> 4 = 1 / (3 + 1) = 0.25, but 4 -> 2 = 1 / (1 + 1) = 0.5.
    expect(nb[2].find(([id]) => id === 4)![1]).toBeCloseTo(0.25, 6)
    expect(nb[4].find(([id]) => id === 2)![1]).toBeCloseTo(0.5, 6)
  })

  it("divides by N(j)^popularityPower", () => {
    const nb = cooccurrence(orders(), { ...PLAIN, popularityPower: 0.5 })
    expectRows(rowsOf(nb), [
      // Row 0: 1 = 2 / (4 * sqrt 3) = 0.288675, 3 = 1 / (4 * sqrt 2) = 0.176777, 2 = 1 / (4 * sqrt 3) = 0.144338.
      [[1, 2 / (4 * Math.sqrt(3)), 2], [3, 1 / (4 * Math.SQRT2), 1], [2, 1 / (4 * Math.sqrt(3)), 1]],
      // Row 1: 0 and 2 = 2 / (4 * sqrt 3) = 0.288675, 3 = 1 / (4 * sqrt 2).
      [[0, 2 / (4 * Math.sqrt(3)), 2], [2, 2 / (4 * Math.sqrt(3)), 2], [3, 1 / (4 * Math.SQRT2), 1]],
      // Row 2: 1 = 0.288675, 4 = 1 / (4 * sqrt 1) = 0.25, 3 = 0.176777, 0 = 0.144338.
      [[1, 2 / (4 * Math.sqrt(3)), 2], [4, 0.25, 1], [3, 1 / (4 * Math.SQRT2), 1], [0, 1 / (4 * Math.sqrt(3)), 1]],
      // Row 3: 0, 1, 2 = 1 / (3 * sqrt 3) = 0.19245.
      [[0, 1 / (3 * Math.sqrt(3)), 1], [1, 1 / (3 * Math.sqrt(3)), 1], [2, 1 / (3 * Math.sqrt(3)), 1]],
      // Row 4: 2 = 1 / (2 * sqrt 3) = 0.288675.
      [[2, 1 / (2 * Math.sqrt(3)), 1]],
    ])
  })

  it("counts an order one half-life old as half an order", () => {
    // B3 {0,3} is 10 days old with a 10-day half-life: weight 0.5, the others 1.
    const o = orders([0, 0, 0, 10, 0])
    const params = { ...PLAIN, halfLifeDays: 10 }
    expect([...orderWeights(o, params)]).toEqual([1, 1, 1, 0.5, 1].map((w) => expect.closeTo(w, 12)))
    // N(0) = 1 + 1 + 0.5 = 2.5, N(3) = 1 + 0.5 = 1.5.
    expect([...prepareCooccurrence(o, params).itemWeight]).toEqual([2.5, 3, 3, 1.5, 1].map((w) => expect.closeTo(w, 12)))
    const nb = rowsOf(cooccurrence(o, params))
    // Row 0, 1 / (2.5 + 1): 1 = 2 / 3.5 = 0.571429, 2 = 1 / 3.5 = 0.285714, 3 = 0.5 / 3.5 = 0.142857.
    // Row 3, 1 / (1.5 + 1): 1 = 1 / 2.5 = 0.4, 2 = 0.4, 0 = 0.5 / 2.5 = 0.2; support stays the raw count 1.
    expectRows([nb[0], nb[3]], [
      [[1, 2 / 3.5, 2], [2, 1 / 3.5, 1], [3, 0.5 / 3.5, 1]],
      [[1, 0.4, 1], [2, 0.4, 1], [0, 0.2, 1]],
    ])
  })

  it("measures age from the given now, not only from the newest order", () => {
    // All orders at NOW, now = NOW + 10 days, half-life 10: every order weighs 0.5.
    const params = { ...PLAIN, halfLifeDays: 10 }
    expect([...orderWeights(orders(), params, NOW + 10 * DAY)]).toEqual([0.5, 0.5, 0.5, 0.5, 0.5].map((w) => expect.closeTo(w, 12)))
    // Row 4: 0.5 / (0.5 + 1) = 1/3 instead of 1/2.
    expect(rowsOf(cooccurrence(orders(), params, NOW + 10 * DAY))[4][0][1]).toBeCloseTo(1 / 3, 6)
  })

  it("down-weights baskets above basketPivot by (pivot / size)^power", () => {
    // Pivot 2: B0 and B2 (3 items) weigh (2/3)^0.5 = 0.816497; 2-item baskets are not above the pivot.
    const w = orderWeights(orders(), { ...PLAIN, basketPivot: 2, basketPower: 0.5 })
    expect([...w]).toEqual([Math.sqrt(2 / 3), 1, Math.sqrt(2 / 3), 1, 1].map((x) => expect.closeTo(x, 12)))
    // Power 1: B0, B2 weigh 2/3. N(0) = 2/3 + 1 + 1 = 8/3; row 0 scale 1 / (8/3 + 1) = 3/11:
    // 1 = (2/3 + 1) * 3/11 = 5/11, 3 = 1 * 3/11, 2 = 2/3 * 3/11 = 2/11.
    const nb = rowsOf(cooccurrence(orders(), { ...PLAIN, basketPivot: 2, basketPower: 1 }))
    expectRows([nb[0]], [[[1, 5 / 11, 2], [3, 3 / 11, 1], [2, 2 / 11, 1]]])
  })

  it("drops pairs seen in fewer than minSupport orders, keeping the others' scores", () => {
    const nb = cooccurrence(orders(), { ...PLAIN, minSupport: 2 })
    // Only 0-1 and 1-2 are co-ordered twice.
    expect([...nb.offsets]).toEqual([0, 1, 3, 4, 4, 4])
    expectRows(rowsOf(nb), [[[1, 0.5, 2]], [[0, 0.5, 2], [2, 0.5, 2]], [[1, 0.5, 2]], [], []])
  })

  it("counts support in orders even when the orders are decayed", () => {
    // Every order 10 days old, half-life 10: weighted C(0,1) = 1, raw count 2; minSupport 2 still keeps it.
    const o = orders([10, 10, 10, 10, 10])
    const nb = rowsOf(cooccurrence(o, { ...PLAIN, halfLifeDays: 10, minSupport: 2 }, NOW))
    // Row 0: C = 0.5 + 0.5 = 1, N = 1.5: 1 / 2.5 = 0.4.
    expectRows([nb[0]], [[[1, 0.4, 2]]])
  })

  it("keeps the topK best per row", () => {
    const nb = cooccurrence(orders(), { ...PLAIN, topK: 2 })
    expect([...nb.offsets]).toEqual([0, 2, 4, 6, 8, 9])
    expect(rowsOf(nb).map((r) => r.map(([id]) => id))).toEqual([[1, 2], [0, 2], [1, 0], [0, 1], [2]])
    expect(cooccurrence(orders(), { ...PLAIN, topK: 1 }).ids.length).toBe(5)
  })

  it("never lists an item as its own neighbour, even when it would score highest", () => {
    // Shrinkage 0: the self score would be N(i) / N(i) = 1, above every real neighbour.
    const o = ordersOf(3, [{ items: [0, 1] }, { items: [0] }, { items: [0] }, { items: [2] }])
    const nb = rowsOf(cooccurrence(o, { ...PLAIN, shrinkage: 0 }))
    // Row 0: 1 = 1/3; row 1: 0 = 1/1; item 2 is only ever alone.
    expectRows(nb, [[[1, 1 / 3, 1]], [[0, 1, 1]], []])
    const all = rowsOf(cooccurrence(orders(), { ...PLAIN, shrinkage: 0 }))
    all.forEach((row, i) => expect(row.map(([id]) => id)).not.toContain(i))
  })

  it("handles items without orders and shops without orders", () => {
    // Item 5 is never ordered: an empty row.
    const o = ordersOf(6, BASKETS.map((items) => ({ items })))
    expect([...cooccurrence(o, PLAIN).offsets]).toEqual([0, 3, 6, 10, 13, 14, 14])
    const empty = cooccurrence(ordersOf(3, []), PLAIN)
    expect([...empty.offsets]).toEqual([0, 0, 0, 0])
    expect(empty.ids.length).toBe(0)
  })

  it("grows its output past the first allocation without losing rows", () => {
    // One basket of 1025 items, topK 1024: every row holds the 1024 others, 1025 * 1024 = 1,049,600
    // entries, past the first buffer of min(rows * k, 1 << 20) = 1,048,576, so the last rows grow it.
    // (The pivot is raised: 1025 items would be above PLAIN's 1000 and weigh less than 1.)
    const n = 1025
    const items = Array.from({ length: n }, (_, i) => i)
    const nb = cooccurrence(ordersOf(n, [{ items }]), { ...PLAIN, topK: 1024, basketPivot: 1e9 })
    expect(nb.ids.length).toBe(n * (n - 1))
    expect(nb.offsets[n]).toBe(n * (n - 1))
    // Every score 1 / (1 + 1) = 0.5 with support 1; the last row holds 0..1023 in id order.
    expect(nb.scores.every((s) => s === 0.5)).toBe(true)
    expect(nb.support.every((s) => s === 1)).toBe(true)
    const last = [...nb.ids.subarray(nb.offsets[n - 1], nb.offsets[n])]
    expect(last).toEqual(items.slice(0, n - 1))
    const first = [...nb.ids.subarray(nb.offsets[0], nb.offsets[1])]
    expect(first).toEqual(items.slice(1))
  })
})

describe("split rows", () => {
  const o = orders()
  const prep = prepareCooccurrence(o, PLAIN)

  it("balances ranges by the basket sizes walked", () => {
    // Cost per item (sizes of its baskets): 0 = 3+2+2 = 7, 1 = 3+2+3 = 8, 2 = 3+3+2 = 8, 3 = 3+2 = 5, 4 = 2.
    // Cumulative 0, 7, 15, 23, 28, 30. Halves: first boundary where the cost reaches 15 -> item 2.
    expect(balancedRanges(o, prep.byItem, 2)).toEqual([0, 2, 5])
    // Thirds: 10 -> 2, 20 -> 3.
    expect(balancedRanges(o, prep.byItem, 3)).toEqual([0, 2, 3, 5])
    expect(balancedRanges(o, prep.byItem, 1)).toEqual([0, 5])
  })

  it("gives the whole result back when the ranges are concatenated", () => {
    const whole = cooccurrence(o, PLAIN)
    for (const parts of [1, 2, 3, 5, 8]) {
      const bounds = balancedRanges(o, prep.byItem, parts)
      expect(bounds[0]).toBe(0)
      expect(bounds[bounds.length - 1]).toBe(5)
      const rows = bounds.slice(1).map((to, t) => cooccurrenceRows(o, prep, PLAIN, bounds[t], to))
      expect(concatRows(rows)).toEqual(whole)
    }
    // Uneven hand-picked split, including an empty range.
    const split = [cooccurrenceRows(o, prep, PLAIN, 0, 1), cooccurrenceRows(o, prep, PLAIN, 1, 1), cooccurrenceRows(o, prep, PLAIN, 1, 5)]
    expect(split[1].offsets.length).toBe(1)
    expect(concatRows(split)).toEqual(whole)
  })

  it("starts each range's offsets at 0", () => {
    // Rows 3 and 4: 3 neighbours then 1.
    const part = cooccurrenceRows(o, prep, PLAIN, 3, 5)
    expect([...part.offsets]).toEqual([0, 3, 4])
    expect([...part.ids]).toEqual([0, 1, 2, 2])
  })
})

describe("startCooccurrence", () => {
  const params = { ...PLAIN, halfLifeDays: 10, popularityPower: 0.5 }
  const o = orders([0, 5, 0, 10, 20])

  // A history this small stays on the calling thread (test/integration/parallel-cooccurrence.spec.ts
  // runs the built workers on a large one).
  it("returns exactly what cooccurrence returns", async () => {
    const whole = cooccurrence(o, params, NOW)
    expect(await startCooccurrence(o, params, NOW).finish()).toEqual(whole)
    expect(await startCooccurrence(o, params, NOW, 1).finish()).toEqual(whole)
    expect(await startCooccurrence(o, params, NOW, 2).finish()).toEqual(whole)
  })
})

describe("against a direct computation", () => {
  // Random baskets (items shuffled within each, some repeated across orders), decay, basket
  // weights, popularity power and minSupport all on: the one-pass symmetric walk with per-row
  // heaps must give exactly what scoring every ordered pair directly and sorting gives.
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const params = { ...PLAIN, halfLifeDays: 7, basketPivot: 4, basketPower: 0.5, popularityPower: 0.3, shrinkage: 1.5, minSupport: 2, topK: 5 }

  it.each([1, 2, 3])("matches on random history %i", (seed) => {
    const rnd = random(seed)
    const nItems = 30
    const baskets = Array.from({ length: 200 }, () => {
      const size = 1 + Math.floor(rnd() * 8)
      const items = new Set<number>()
      while (items.size < size) items.add(Math.floor(Math.pow(rnd(), 2) * nItems))
      return { items: [...items], age: Math.floor(rnd() * 60) }
    })
    const o = ordersOf(nItems, baskets)
    const w = orderWeights(o, params, NOW)
    const n = new Float64Array(nItems)
    const c = new Float64Array(nItems * nItems)
    const support = new Uint32Array(nItems * nItems)
    baskets.forEach((b, k) => {
      for (const i of b.items) {
        n[i] += w[k]
        for (const j of b.items) if (i !== j) (c[i * nItems + j] += w[k]), support[i * nItems + j]++
      }
    })
    const expected: [number, number, number][][] = []
    for (let i = 0; i < nItems; i++) {
      const row: [number, number, number][] = []
      for (let j = 0; j < nItems; j++) {
        if (support[i * nItems + j] < params.minSupport) continue
        const score = Math.fround(c[i * nItems + j] / ((n[i] + params.shrinkage) * Math.pow(n[j], params.popularityPower)))
        row.push([j, score, support[i * nItems + j]])
      }
      row.sort((a, b) => b[1] - a[1] || a[0] - b[0])
      expected.push(row.slice(0, params.topK))
    }
    const got = rowsOf(cooccurrence(o, params, NOW))
    expect(got.map((r) => r.map(([j]) => j))).toEqual(expected.map((r) => r.map(([j]) => j)))
    got.forEach((row, i) => row.forEach(([, score, sup], r) => {
      expect(score).toBeCloseTo(expected[i][r][1], 6)
      expect(sup).toBe(expected[i][r][2])
    }))
  })
})

describe("effectiveHalfLife", () => {
  const times = (ages: number[]) => Float64Array.from(ages.map((a) => NOW - a * DAY))

  it("keeps the configured half-life when the decayed orders reach minEffective", () => {
    // Ages 0, 0, 0, 10 at half-life 10: mass 1 + 1 + 1 + 0.5 = 3.5 >= 3.
    expect(effectiveHalfLife(times([0, 0, 0, 10]), NOW, 10, 3)).toBe(10)
    // Four orders at NOW weigh 4 whatever the half-life.
    expect(effectiveHalfLife(times([0, 0, 0, 0]), NOW, 10, 3)).toBe(10)
  })

  it("lengthens the half-life until the decayed orders add up to minEffective", () => {
    // Ages 0, 10, 10, 10 at half-life 10: mass 1 + 3 * 0.5 = 2.5 < 3.
    // Solve 1 + 3 * 2^(-10 / h) = 3: 2^(-10 / h) = 2/3, h = 10 ln 2 / ln 1.5 = 17.0951 days.
    const h = effectiveHalfLife(times([0, 10, 10, 10]), NOW, 10, 3)
    expect(h).toBeGreaterThan(10)
    expect(h).toBeCloseTo((10 * Math.LN2) / Math.log(1.5), 3)
    // It errs long, so the mass at the returned half-life reaches minEffective.
    expect(1 + 3 * Math.pow(2, -10 / h)).toBeGreaterThanOrEqual(3)
    // Far older orders need more doublings: ages 0, 100, 100, 100 -> 100 ln 2 / ln 1.5 = 170.951.
    expect(effectiveHalfLife(times([0, 100, 100, 100]), NOW, 10, 3)).toBeCloseTo((100 * Math.LN2) / Math.log(1.5), 2)
  })

  it("is Infinity when the shop has fewer orders than minEffective", () => {
    expect(effectiveHalfLife(times([0, 1, 2]), NOW, 10, 5)).toBe(Infinity)
    expect(effectiveHalfLife(times([]), NOW, 10, 1)).toBe(Infinity)
    // Exactly minEffective orders, some old: no finite half-life reaches 3, so Infinity too.
    expect(effectiveHalfLife(times([0, 1, 2]), NOW, 10, 3)).toBe(Infinity)
  })
})
