import { activeRules, applyRules, matches, placePinned, ruleError, ruleExclusion, seedMatches } from "../../../src/engine/rules"
import type { Rule } from "../../../src/engine/types"
import { cand, catalogOf, ids } from "./fixture"

const catalog = catalogOf()
const ctx = { surface: "also_bought" as const, seeds: [0], catalog }
const candidates = () => [cand(1, 0.9, { cooccurrence: 0.9 }), cand(2, 0.5), cand(3, 0.4), cand(4, 0.3)]
const scores = (list: { id: number; score: number }[]) => Object.fromEntries(list.map((c) => [c.id, +c.score.toFixed(6)]))

describe("matches", () => {
  it("holds when the item is in any listed set", () => {
    expect(matches(1, { categories: [0] }, catalog)).toBe(true)
    expect(matches(3, { categories: [0] }, catalog)).toBe(false)
    expect(matches(2, { tags: [1] }, catalog)).toBe(true)
    expect(matches(0, { tags: [1] }, catalog)).toBe(false)
    expect(matches(2, { collections: [1] }, catalog)).toBe(true)
    expect(matches(4, { types: [2] }, catalog)).toBe(true)
    expect(matches(6, { items: [6] }, catalog)).toBe(true)
    expect(matches(3, { categories: [0], items: [3] }, catalog)).toBe(true)
  })

  it("needs the price band too when one is given, and NaN never falls inside", () => {
    expect(matches(0, { categories: [0], priceMax: 30 }, catalog)).toBe(true)
    expect(matches(1, { categories: [0], priceMax: 30 }, catalog)).toBe(false)
    expect(matches(3, { priceMin: 10, priceMax: 12 }, catalog)).toBe(true)
    expect(matches(4, { priceMin: 0 }, catalog)).toBe(false)
    expect(matches(4, { priceMax: Infinity }, catalog)).toBe(false)
  })

  it("an empty match matches nothing", () => {
    expect(matches(0, {}, catalog)).toBe(false)
    expect(matches(0, { categories: [] }, catalog)).toBe(false)
  })
})

describe("seedMatches", () => {
  it("holds when any seed is in a listed set", () => {
    expect(seedMatches([3], { categories: [2] }, catalog)).toBe(true)
    expect(seedMatches([6, 1], { types: [1] }, catalog)).toBe(true)
    expect(seedMatches([0, 3], { types: [1] }, catalog)).toBe(false)
    expect(seedMatches([], { categories: [0] }, catalog)).toBe(false)
    expect(seedMatches([0], {}, catalog)).toBe(false)
  })
})

describe("ruleError", () => {
  it("accepts sensible rules", () => {
    expect(ruleError({ kind: "boost", match: { tags: [1] }, factor: 1.5 })).toBeUndefined()
    expect(ruleError({ kind: "bury", match: { tags: [1] }, factor: 0.2 })).toBeUndefined()
    expect(ruleError({ kind: "pin", items: [6], position: 3 })).toBeUndefined()
    expect(ruleError({ kind: "exclude", match: { priceMax: 5 } })).toBeUndefined()
  })

  it("rejects factors that do not boost or bury", () => {
    expect(ruleError({ kind: "boost", match: { tags: [1] }, factor: 1 })).toMatch(/above 1/)
    expect(ruleError({ kind: "boost", match: { tags: [1] }, factor: Infinity })).toMatch(/above 1/)
    expect(ruleError({ kind: "bury", match: { tags: [1] }, factor: 0 })).toMatch(/between 0 and 1/)
    expect(ruleError({ kind: "bury", match: { tags: [1] }, factor: 1.5 })).toMatch(/between 0 and 1/)
    expect(ruleError({ kind: "bury", match: { tags: [1] }, factor: NaN })).toMatch(/between 0 and 1/)
  })

  it("rejects rules that match or place nothing", () => {
    expect(ruleError({ kind: "exclude", match: {} })).toMatch(/matches no products/)
    expect(ruleError({ kind: "exclude", match: { priceMin: 10, priceMax: 5 } })).toMatch(/lowest price/)
    expect(ruleError({ kind: "pin", items: [] })).toMatch(/at least one/)
    expect(ruleError({ kind: "pin", items: [1], position: -1 })).toMatch(/position/)
    expect(ruleError({ kind: "pin", items: [1], position: 1.5 })).toMatch(/position/)
    expect(ruleError({ kind: "recommend_from", when: {}, match: { categories: [2] } })).toMatch(/seed condition/)
    expect(ruleError({ kind: "exclude", match: { items: [1] }, when: { tags: [] } })).toMatch(/seed condition/)
  })
})

describe("activeRules", () => {
  it("keeps valid rules for this surface whose seed condition holds", () => {
    const rules: Rule[] = [
      { kind: "exclude", match: { items: [1] } },
      { kind: "exclude", match: { items: [2] }, surfaces: ["cart"] },
      { kind: "exclude", match: { items: [3] }, surfaces: ["cart", "also_bought"] },
      { kind: "exclude", match: { items: [4] }, when: { categories: [2] } },
      { kind: "exclude", match: { items: [5] }, when: { categories: [0] } },
      { kind: "boost", match: { items: [6] }, factor: 0.5 },
    ]
    expect(activeRules(rules, ctx).map((r) => (r.kind === "exclude" ? r.match.items![0] : -1))).toEqual([1, 3, 5])
  })
})

describe("applyRules", () => {
  it("returns the candidates untouched when no rule applies", () => {
    const list = candidates()
    expect(applyRules(list, [{ kind: "exclude", match: { categories: [2] }, surfaces: ["cart"] }], ctx)).toBe(list)
  })

  it("excludes matching items", () => {
    expect(ids(applyRules(candidates(), [{ kind: "exclude", match: { categories: [2] } }], ctx))).toEqual([1, 2])
  })

  it("boosts and buries by their factors, compounding, without mutating the input", () => {
    const list = candidates()
    const out = applyRules(
      list,
      [
        { kind: "boost", match: { tags: [1] }, factor: 2 },
        { kind: "bury", match: { types: [2] }, factor: 0.5 },
        { kind: "bury", match: { collections: [1] }, factor: 0.25 },
      ],
      ctx
    )
    // 1: tag 1 -> 0.9*2; 2: tag 1, collection 1 -> 0.5*2*0.25; 3, 4: type 2 -> halved.
    expect(scores(out)).toEqual({ 1: 1.8, 2: 0.25, 3: 0.2, 4: 0.15 })
    expect(list[0].score).toBe(0.9)
    expect(out[0].sources).toEqual({ cooccurrence: 0.9 })
  })

  it("recommend_from lifts matching items above every other while the rest stay", () => {
    const rule: Rule = { kind: "recommend_from", when: { categories: [0] }, match: { categories: [2] } }
    // Best non-matching score is 0.9, so mugs (3: 0.4, 4: 0.3) become 1.3 and 1.2.
    expect(scores(applyRules(candidates(), [rule], ctx))).toEqual({ 1: 0.9, 2: 0.5, 3: 1.3, 4: 1.2 })
    expect(scores(applyRules(candidates(), [rule], { ...ctx, seeds: [6] }))).toEqual({ 1: 0.9, 2: 0.5, 3: 0.4, 4: 0.3 })
  })

  it("pins items at consecutive positions, adding them when they were not candidates", () => {
    const out = applyRules(candidates(), [{ kind: "pin", items: [6, 1], position: 2 }], ctx)
    expect(out.find((c) => c.id === 6)).toEqual({ id: 6, score: 0, sources: { rule: 1 }, pinned: 2 })
    expect(out.find((c) => c.id === 1)).toEqual({ id: 1, score: 0.9, sources: { cooccurrence: 0.9, rule: 1 }, pinned: 3 })
    expect(out.filter((c) => c.pinned === undefined).map((c) => c.id)).toEqual([2, 3, 4])
  })

  it("pins default to position 0; the first pin of an item wins; unknown items are skipped", () => {
    const out = applyRules(
      candidates(),
      [
        { kind: "pin", items: [6] },
        { kind: "pin", items: [6, 99, 7], position: 4 },
      ],
      ctx
    )
    expect(out.filter((c) => c.pinned !== undefined).map((c) => [c.id, c.pinned])).toEqual([
      [6, 0],
      [7, 6],
    ])
  })

  it("exclusion wins over a pin", () => {
    const out = applyRules(candidates(), [{ kind: "pin", items: [3] }, { kind: "exclude", match: { types: [2] } }], ctx)
    expect(ids(out)).toEqual([1, 2])
  })
})

describe("ruleExclusion", () => {
  it("is the exclude rules as a predicate, undefined when there are none", () => {
    const isExcluded = ruleExclusion([{ kind: "exclude", match: { categories: [2] } }], catalog)!
    expect([3, 4, 0].map(isExcluded)).toEqual([true, true, false])
    expect(ruleExclusion([{ kind: "boost", match: { categories: [2] }, factor: 2 }], catalog)).toBeUndefined()
  })
})

describe("placePinned", () => {
  const [a, b, c] = [cand(10, 3), cand(11, 2), cand(12, 1)]
  it("puts pins at their positions and the rest around them in order", () => {
    expect(ids(placePinned([a, b, c], [cand(6, 0, {}, 1)], 4))).toEqual([10, 6, 11, 12])
    expect(ids(placePinned([a, b, c], [cand(6, 0, {}, 1)], 3))).toEqual([10, 6, 11])
  })

  it("moves colliding pins to the next free slot and late pins to the end of a short list", () => {
    expect(ids(placePinned([a], [cand(6, 0, {}, 0), cand(7, 0, {}, 0)], 5))).toEqual([6, 7, 10])
    expect(ids(placePinned([a, b], [cand(6, 0, {}, 9)], 10))).toEqual([10, 11, 6])
    expect(ids(placePinned([a, b, c], [cand(6, 0, {}, 1), cand(7, 0, {}, 1)], 4))).toEqual([10, 6, 7, 11])
  })

  it("keeps pins in their order when the list is too short for their positions", () => {
    expect(ids(placePinned([a, b], [cand(7, 0, {}, 2), cand(6, 0, {}, 1)], 2))).toEqual([6, 7])
  })

  it("keeps lower positions when pins outnumber slots", () => {
    expect(ids(placePinned([a], [cand(7, 0, {}, 5), cand(6, 0, {}, 0)], 1))).toEqual([6])
  })
})
