import { explain, explainAll, strongestSource } from "../../../src/engine/reasons"
import type { Surface } from "../../../src/engine/types"
import { cand, modelOf, titleOf } from "./fixture"

const model = modelOf()
const ctx = (seeds: number[], surface: Surface = "also_bought") => ({ model, seeds, titles: titleOf, surface })

describe("strongestSource", () => {
  it("prefers a pin, then exploration, then the highest score", () => {
    expect(strongestSource(cand(1, 0, { rule: 1, cooccurrence: 5 }))).toBe("rule")
    expect(strongestSource(cand(1, 0, { exploration: 1, cooccurrence: 5 }))).toBe("exploration")
    expect(strongestSource(cand(1, 0, { cooccurrence: 0.1, trending: 0.3 }))).toBe("trending")
    expect(strongestSource(cand(1, 0, { cooccurrence: 0.3, trending: 0.1 }))).toBe("cooccurrence")
    expect(strongestSource(cand(1, 0, {}))).toBeUndefined()
  })
})

describe("explain", () => {
  it("names the seed bought together most strongly, with the orders behind it", () => {
    // 1 is in the rows of 0 (0.5, 10 orders) and 3 (0.2, 1 order).
    expect(explain(cand(1, 0, { cooccurrence: 0.5 }), ctx([3, 0]))).toBe("Bought together with Linen cushion in 10 orders")
    expect(explain(cand(1, 0, { cooccurrence: 0.2 }), ctx([3]))).toBe("Bought together with Ceramic mug in 1 order")
    expect(explain(cand(4, 0, { cooccurrence: 0.6 }), { model, seeds: [3], surface: "cart" })).toBe(
      "Bought together with this product in 5 orders"
    )
    expect(explain(cand(7, 0, { cooccurrence: 0.6 }), ctx([0]))).toBe("Often bought together")
  })

  it("lists the terms shared with the seed, largest contribution first", () => {
    // 0 and 2 share linen (0.6 * 2/3 = 0.4) and cushion (0.8 * 1/3 = 0.27).
    expect(explain(cand(2, 0, { content: 0.67 }), ctx([0]))).toBe("Shares: linen, cushion")
    expect(explain(cand(5, 0, { content: 0.64 }), ctx([0]))).toBe("Shares: cushion")
    expect(explain(cand(3, 0, { content: 0.1 }), ctx([0]))).toBe("Similar to Linen cushion")
  })

  it("ties personal picks to the shopper's own purchases", () => {
    expect(explain(cand(3, 0, { personal: 1 }), ctx([3], "for_you"))).toBe("You buy this often")
    expect(explain(cand(4, 0, { personal: 1 }), ctx([0, 3], "for_you"))).toBe("Because you bought Ceramic mug")
    expect(explain(cand(1, 0, { personal: 1 }), ctx([3, 0], "for_you"))).toBe("Because you bought Linen cushion")
    // Personal scores come from co-purchase rows, so a content likeness (0 -> 5) does not explain them.
    expect(explain(cand(5, 0, { personal: 1 }), ctx([0], "for_you"))).toBe("Picked for you")
    expect(explain(cand(6, 0, { personal: 1 }), ctx([0], "for_you"))).toBe("Picked for you")
    expect(explain(cand(1, 0, { cooccurrence: 0.5 }), ctx([0], "for_you"))).toBe("Because you bought Linen cushion")
  })

  it("says why for pins, fresh items and popular ones", () => {
    expect(explain(cand(6, 0, { rule: 1 }), ctx([0]))).toBe("Featured by the store")
    expect(explain(cand(7, 0, { exploration: 1 }), ctx([0]))).toBe("New in")
    expect(explain(cand(6, 0, { trending: 0.5 }), ctx([0]))).toBe("Popular right now")
    expect(explain(cand(1, 0, { category_trending: 0.3 }), ctx([0]))).toBe("Popular in this category")
  })

  it("explains a whole list in one pass, each item from its own strongest seed", () => {
    const list = [cand(4, 0, { cooccurrence: 0.6 }), cand(1, 0, { cooccurrence: 0.5 }), cand(2, 0, { content: 0.6 }), cand(6, 0, { trending: 0.5 })]
    expect(explainAll(list, ctx([0, 3]))).toEqual([
      "Bought together with Ceramic mug in 5 orders",
      "Bought together with Linen cushion in 10 orders",
      "Shares: linen, cushion",
      "Popular right now",
    ])
  })
})
