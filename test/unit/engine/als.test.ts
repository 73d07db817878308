import { als, customerItems, foldIn, type AlsParams, type Factors } from "../../../src/engine/als"
import { ordersOf } from "./orders-fixture"

const PARAMS: AlsParams = { k: 2, alpha: 10, lambda: 0.1, iterations: 10, seed: 7 }

/**
 * Two kinds of customer: 0-2 buy from products {0, 1, 2}, 3-5 from {3, 4, 5}; customer 0 has
 * bought product 0 twice. No customer bought across the two groups (a guest's order did).
 */
const GROUPS = ordersOf(
  6,
  [
    { items: [0, 1], customer: 0 },
    { items: [0], customer: 0 },
    { items: [1, 2], customer: 1 },
    { items: [0, 2], customer: 2 },
    { items: [3, 4], customer: 3 },
    { items: [4, 5], customer: 4 },
    { items: [3, 5], customer: 5 },
    { items: [2, 3] },
  ],
  6
)

const dot = (f: Factors, x: ArrayLike<number>, item: number) => {
  let d = 0
  for (let u = 0; u < f.k; u++) d += x[u] * f.items[item * f.k + u]
  return d
}

describe("customerItems", () => {
  it("counts each customer's orders per product, guests left out", () => {
    const m = customerItems(GROUPS)
    expect(Array.from(m.offsets)).toEqual([0, 2, 4, 6, 8, 10, 12])
    const row = (c: number) => Object.fromEntries(Array.from(m.ids.subarray(m.offsets[c], m.offsets[c + 1]), (id, p) => [id, m.values[m.offsets[c] + p]]))
    expect(row(0)).toEqual({ 0: 2, 1: 1 })
    expect(row(1)).toEqual({ 1: 1, 2: 1 })
    // The guest order {2, 3} is in nobody's row.
    expect(row(5)).toEqual({ 3: 1, 5: 1 })
  })
})

describe("foldIn", () => {
  it("solves the weighted ridge system, worked by hand for k = 1", () => {
    // Product factors 1, 2, 0.5 (k = 1): Y^T Y = 1 + 4 + 0.25 = 5.25. A history of product 1 in
    // 2 orders and product 2 in 1, alpha 10, lambda 0.1:
    // x = (21 * 2 + 11 * 0.5) / (5.25 + 0.1 + 20 * 4 + 10 * 0.25) = 47.5 / 87.85.
    const items = Float32Array.from([1, 2, 0.5])
    const factors: Factors = { k: 1, customers: new Float32Array(0), items, itemGram: Float64Array.from([5.25]) }
    const x = foldIn(factors, [1, 2], [2, 1], { ...PARAMS, k: 1 })
    expect(x[0]).toBeCloseTo(47.5 / 87.85, 12)
    expect(Array.from(foldIn(factors, [], [], { ...PARAMS, k: 1 }))).toEqual([0])
  })
})

describe("als", () => {
  const f = als(GROUPS, PARAMS)

  it("fits what customers bought: their own group's products score above the other group's", () => {
    for (let c = 0; c < 6; c++) {
      const x = f.customers.subarray(c * 2, c * 2 + 2)
      const own = c < 3 ? [0, 1, 2] : [3, 4, 5]
      const other = c < 3 ? [3, 4, 5] : [0, 1, 2]
      expect(Math.min(...own.map((i) => dot(f, x, i)))).toBeGreaterThan(Math.max(...other.map((i) => dot(f, x, i))))
    }
  })

  it("folds in a new shopper: one purchase from a group ranks that group's other products first", () => {
    const x = foldIn(f, [4], [1], PARAMS)
    const ranked = [0, 1, 2, 3, 5].sort((a, b) => dot(f, x, b) - dot(f, x, a))
    expect(ranked.slice(0, 2).sort()).toEqual([3, 5])
  })

  it("is deterministic: the same orders give the same factors", () => {
    const again = als(GROUPS, PARAMS)
    expect(Array.from(again.items)).toEqual(Array.from(f.items))
    expect(Array.from(again.customers)).toEqual(Array.from(f.customers))
  })

  it("leaves a customer without orders at zero", () => {
    const withIdle = als({ ...GROUPS, nCustomers: 7 }, PARAMS)
    expect(Array.from(withIdle.customers.subarray(12, 14))).toEqual([0, 0])
  })
})
