import { byCategory, rankByScore, trending, type TrendingParams } from "../../../src/engine/trending"
import { csr } from "./fixture"
import { DAY, NOW, ordersOf } from "./orders-fixture"

/** 7-day half-life, never lengthened (minEffectiveOrders 0), views at a tenth of a purchase. */
const PARAMS: TrendingParams = { halfLifeDays: 7, minEffectiveOrders: 0, viewWeight: 0.1 }

/**
 *   O0 {0,1} at NOW (weight 1), O1 {0} 7 days old (0.5), O2 {1,2} 14 days old (0.25); item 3 never bought.
 *   Total weight 1.75.
 */
const ORDERS = ordersOf(4, [
  { items: [0, 1], age: 0 },
  { items: [0], age: 7 },
  { items: [1, 2], age: 14 },
])

describe("trending", () => {
  it("is each item's share of the decayed orders", () => {
    const t = trending(ORDERS, NOW, PARAMS)
    // 0: (1 + 0.5) / 1.75 = 0.857143; 1: (1 + 0.25) / 1.75 = 0.714286; 2: 0.25 / 1.75 = 0.142857; 3: 0.
    expect([...t]).toEqual([1.5 / 1.75, 1.25 / 1.75, 0.25 / 1.75, 0].map((v) => expect.closeTo(v, 6)))
  })

  it("measures age from now", () => {
    // Now 7 days after NOW: weights 0.5, 0.25, 0.125 (total 0.875); the shares do not change.
    const t = trending(ORDERS, NOW + 7 * DAY, PARAMS)
    expect([...t]).toEqual([0.75 / 0.875, 0.625 / 0.875, 0.125 / 0.875, 0].map((v) => expect.closeTo(v, 6)))
  })

  it("adds views at viewWeight, decayed, without counting them in the total", () => {
    // Item 3 viewed at NOW (0.1 * 1), item 2 viewed 7 days ago (0.1 * 0.5).
    const views = { items: [3, 2], time: Float64Array.from([NOW, NOW - 7 * DAY]) }
    const t = trending(ORDERS, NOW, PARAMS, views)
    // 2: (0.25 + 0.05) / 1.75 = 0.171429; 3: 0.1 / 1.75 = 0.057143; 0 and 1 as before.
    expect([...t]).toEqual([1.5 / 1.75, 1.25 / 1.75, 0.3 / 1.75, 0.1 / 1.75].map((v) => expect.closeTo(v, 6)))
    // viewWeight 0 ignores views.
    expect([...trending(ORDERS, NOW, { ...PARAMS, viewWeight: 0 }, views)]).toEqual([...trending(ORDERS, NOW, PARAMS)])
  })

  it("stops decaying when the shop has fewer orders than minEffectiveOrders", () => {
    // 3 orders <= 500: half-life Infinity, plain shares 2/3, 2/3, 1/3, 0.
    const t = trending(ORDERS, NOW, { ...PARAMS, minEffectiveOrders: 500 })
    expect([...t]).toEqual([2 / 3, 2 / 3, 1 / 3, 0].map((v) => expect.closeTo(v, 6)))
  })

  it("lengthens the half-life to rest on minEffectiveOrders", () => {
    // Mass at 7 days is 1.75 < 2, so the half-life grows until 1 + 2^(-7/h) + 2^(-14/h) = 2:
    // with x = 2^(-7/h), x + x^2 = 1, x = (sqrt 5 - 1) / 2 = 0.618034 (the total is then exactly 2).
    const x = (Math.sqrt(5) - 1) / 2
    const t = trending(ORDERS, NOW, { ...PARAMS, minEffectiveOrders: 2 })
    expect(t[0]).toBeCloseTo((1 + x) / 2, 4)
    expect(t[1]).toBeCloseTo((1 + x * x) / 2, 4)
    expect(t[2]).toBeCloseTo((x * x) / 2, 4)
  })

  it("is all zeros without orders or views", () => {
    expect([...trending(ordersOf(3, []), NOW, PARAMS)]).toEqual([0, 0, 0])
  })

  it("is each item's share of the decayed views in a store without orders", () => {
    // Item 1 viewed at NOW twice (weight 1 each), item 2 viewed 7 days ago (0.5): total 2.5.
    const views = { items: [1, 1, 2], time: Float64Array.from([NOW, NOW, NOW - 7 * DAY]) }
    const t = trending(ordersOf(3, []), NOW, PARAMS, views)
    expect([...t]).toEqual([0, 2 / 2.5, 0.5 / 2.5].map((v) => expect.closeTo(v, 6)))
  })
})

describe("rankByScore", () => {
  //              id: 0    1    2  3    4   5
  const score = [0.2, 0.5, 0, 0.5, -1, 0.3]

  it("lists items with a positive score, best first, ties by index", () => {
    expect([...rankByScore(score)]).toEqual([1, 3, 5, 0])
    expect([...rankByScore(Float32Array.from([0.25, 0.25, 0.25]))]).toEqual([0, 1, 2])
    expect([...rankByScore([])]).toEqual([])
  })

  it("ranks only the given ids", () => {
    expect([...rankByScore(score, [5, 3, 0, 2])]).toEqual([3, 5, 0])
    expect([...rankByScore(score, [3, 1])]).toEqual([1, 3])
    expect([...rankByScore(score, [])]).toEqual([])
  })
})

describe("byCategory", () => {
  it("lists each category's items with a positive score, best first, with their scores", () => {
    // Items: 0 (0.4) in c0; 1 (0.3) in c0, c1; 2 (0) in c0; 3 (0.2) in c2; 4 (0.3) in c1. Category 3 is empty.
    const score = Float32Array.from([0.4, 0.3, 0, 0.2, 0.3])
    const cats = csr([[[0, 1]], [[0, 1], [1, 1]], [[0, 1]], [[2, 1]], [[1, 1]]])
    const out = byCategory(score, cats, 4)
    // c0: 0, 1 (2 has no score); c1: 1, 4 (tie at 0.3, lower index first); c2: 3; c3: none.
    expect([...out.offsets]).toEqual([0, 2, 4, 5, 5])
    expect([...out.ids]).toEqual([0, 1, 1, 4, 3])
    expect([...out.values]).toEqual([0.4, 0.3, 0.3, 0.3, 0.2].map(Math.fround))
  })

  it("ranks within a category regardless of item order", () => {
    // Category 0 holds 0 (0.1), 1 (0.3), 2 (0.2): ranked 1, 2, 0.
    const out = byCategory(Float32Array.from([0.1, 0.3, 0.2]), csr([[[0, 1]], [[0, 1]], [[0, 1]]]), 1)
    expect([...out.ids]).toEqual([1, 2, 0])
  })
})
