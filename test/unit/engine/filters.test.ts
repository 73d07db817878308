import { applyFilters, blocked } from "../../../src/engine/filters"
import { SURFACE_DEFAULTS } from "../../../src/engine/params"
import type { RecommendationRequest, SurfaceSettings } from "../../../src/engine/types"
import { cand, catalogOf, ids } from "./fixture"

const catalog = catalogOf()
const request: RecommendationRequest = { surface: "also_bought", limit: 10, seeds: [0], exclude: [2], cart: [3], purchased: [4] }
const settings = (filters: Partial<SurfaceSettings["filters"]>): SurfaceSettings => ({
  ...SURFACE_DEFAULTS.also_bought,
  filters: { excludeCart: true, excludePurchased: false, availableOnly: true, ...filters },
})
const blockedIds = (isBlocked: (id: number) => boolean) => [0, 1, 2, 3, 4, 5, 6, 7, 99].filter(isBlocked)

describe("blocked", () => {
  it("blocks seeds, exclusions, the cart and unavailable or unknown items", () => {
    expect(blockedIds(blocked({ request, settings: settings({}), catalog }))).toEqual([0, 2, 3, 5, 99])
  })

  it("follows the surface's filter switches", () => {
    expect(blockedIds(blocked({ request, settings: settings({ excludeCart: false }), catalog }))).toEqual([0, 2, 5, 99])
    expect(blockedIds(blocked({ request, settings: settings({ excludePurchased: true }), catalog }))).toEqual([0, 2, 3, 4, 5, 99])
    expect(blockedIds(blocked({ request, settings: settings({ availableOnly: false }), catalog }))).toEqual([0, 2, 3])
  })

  it("on the cart surface never recommends the cart's items back, whatever excludeCart says", () => {
    const cartRequest: RecommendationRequest = { surface: "cart", limit: 10, cart: [1, 3] }
    expect(blockedIds(blocked({ request: cartRequest, settings: settings({ excludeCart: false }), catalog }))).toEqual([1, 3, 5, 99])
  })

  it("without a catalogue checks no availability, but seeds and exclusions still hold", () => {
    expect(blockedIds(blocked({ request, settings: settings({}) }))).toEqual([0, 2, 3])
    expect(blockedIds(blocked({ request: { surface: "for_you", limit: 5 }, settings: settings({}) }))).toEqual([])
  })
})

describe("applyFilters", () => {
  it("drops blocked candidates, pinned ones included, keeping the order", () => {
    const list = [cand(6, 0.1), cand(5, 0, { rule: 1 }, 0), cand(1, 0.9), cand(0, 0, { rule: 1 }, 1), cand(7, 0.5)]
    expect(ids(applyFilters(list, { request, settings: settings({}), catalog }))).toEqual([6, 1, 7])
  })
})
