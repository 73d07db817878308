import { calibratePriors, confidentBest } from "../../../src/engine/calibrate"
import type { Units } from "../../../src/engine/evaluation"
import { TRAINING_DEFAULTS } from "../../../src/engine/fit"
import { CALIBRATION } from "../../../src/engine/params"
import { ordersOf, type Basket } from "./orders-fixture"

const noCategories = (n: number) => ({ offsets: new Uint32Array(n + 1), ids: new Uint32Array(0), values: new Float32Array(0) })
const input = (nItems: number, baskets: Basket[]) => ({
  orders: ordersOf(nItems, baskets),
  documents: Array.from({ length: nItems }, () => ({})),
  categories: noCategories(nItems),
  nCategories: 0,
})

/**
 * Until ten days ago, items 0-9 sold with a partner each (10-19), and the best seller 20 sold on
 * its own every day; since then, every basket pairs one of 0-9 with 20. On the newest orders (the
 * calibration's validation) co-purchase still names the old partners, and only a stronger prior
 * puts 20 first: P(partner | i) ~ 0.6 against a trending share of 0.5 for 20 at the default scale.
 */
function shiftingShop(): Basket[] {
  const baskets: Basket[] = []
  // 176 orders before the shift, 20 after: the validation's round(196 * 0.1) = 20 newest orders.
  for (let day = 100; day > 12; day--) baskets.push({ items: [day % 10, 10 + (day % 10)], age: day }, { items: [20], age: day })
  for (let day = 10; day > 0; day--) baskets.push({ items: [day % 10, 20], age: day }, { items: [(day + 5) % 10, 20], age: day })
  return baskets
}

describe("calibratePriors", () => {
  it("keeps the defaults in a shop larger than maxLines", async () => {
    const shop = input(21, shiftingShop())
    expect(await calibratePriors(shop, TRAINING_DEFAULTS, undefined, { ...CALIBRATION, maxLines: 10 })).toEqual({ seeded: 1, personal: 1 })
  })

  it("keeps the defaults when the validation orders give too few cases", async () => {
    const shop = input(21, shiftingShop())
    expect(await calibratePriors(shop, TRAINING_DEFAULTS, undefined, { ...CALIBRATION, minCases: 10_000 })).toEqual({ seeded: 1, personal: 1 })
  })

  it("serves the best sellers alone on product pages when recent baskets follow the best seller, not old partners", async () => {
    // Every finite scale ranks 20 first at best (as the best sellers do): none gains over them.
    const scale = await calibratePriors(input(21, shiftingShop()), TRAINING_DEFAULTS)
    expect(scale.seeded).toBe(Infinity)
    // No customers: for-you has no cases and keeps its default.
    expect(scale.personal).toBe(1)
  })

  it("keeps the defaults when the partners still hold in recent baskets", async () => {
    // Items 0-9 always sell with their partner 10-19, the best seller 20 alone: at the default scale
    // P(partner | i) ~ 1 beats 20's trending share of 0.5, and every validation order gains from it.
    const baskets: Basket[] = []
    for (let day = 100; day > 0; day--) baskets.push({ items: [day % 10, 10 + (day % 10)], age: day }, { items: [20], age: day })
    expect((await calibratePriors(input(21, baskets), TRAINING_DEFAULTS)).seeded).toBe(1)
  })
})

describe("confidentBest", () => {
  /** Units from per-unit [cases, ndcg sum per candidate]. */
  const units = (rows: [number, number[]][]): Units => new Map(rows.map(([cases, ndcg], u) => [u, { cases, ndcg: Float64Array.from(ndcg) }]))

  it("takes the best mean gain over the reference among gains clear of the noise", () => {
    // Candidate 0 gains 0.5 per case in each of 4 units (no spread): chosen over 1, whose gain is 0.
    expect(confidentBest(units([[1, [1, 0.5, 0.5]], [1, [1, 0.5, 0.5]], [2, [2, 1, 1]], [1, [1, 0.5, 0.5]]]), [0, 1], 2, 1.64)).toBe(0)
  })

  it("keeps the reference when the gain rests on one unit", () => {
    // Candidate 0 gains 4 cases' worth in one unit of 4 cases and loses 0.1 in each of three others:
    // mean gain (2 - 0.3) / 7 = 0.243; clustered standard error
    // sqrt((2 - 4 * 0.243)^2 + 3 * (-0.1 - 0.243)^2) / 7 = 0.170; 0.243 - 1.64 * 0.170 < 0.
    const rows: [number, number[]][] = [[4, [2, 0]], [1, [0, 0.1]], [1, [0, 0.1]], [1, [0, 0.1]]]
    expect(confidentBest(units(rows), [0], 1, 1.64)).toBe(1)
    // At one standard error, 0.243 - 0.170 > 0.
    expect(confidentBest(units(rows), [0], 1, 1)).toBe(0)
  })
})
