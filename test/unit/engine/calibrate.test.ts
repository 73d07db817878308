import { calibratePriors } from "../../../src/engine/calibrate"
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

  it("raises the prior on product pages when recent baskets follow the best seller, not old partners", async () => {
    const scale = await calibratePriors(input(21, shiftingShop()), TRAINING_DEFAULTS)
    expect(scale.seeded).toBeGreaterThan(1)
    // No customers: for-you has no cases and keeps its default.
    expect(scale.personal).toBe(1)
  })
})
