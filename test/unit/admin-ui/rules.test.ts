import { describeCondition, draftOf, ruleInputOf } from "../../../src/admin/lib/rules"
import type { Rule } from "../../../src/admin/lib/types"

const rule = (over: Partial<Rule>): Rule => ({
  id: "recrule_1",
  kind: "boost",
  enabled: true,
  surfaces: null,
  when: null,
  match: null,
  items: null,
  factor: null,
  position: null,
  note: null,
  created_at: "2026-11-24T00:00:00Z",
  ...over,
})

describe("the rule form's body", () => {
  it("sends only the fields the kind uses, empty lists as null", () => {
    const draft = { ...draftOf(), kind: "pin" as const, items: ["prod_a"], position: "0", factor: "2" }
    draft.match.category_ids = ["pcat_ignored"]
    expect(ruleInputOf(draft)).toEqual({
      kind: "pin",
      enabled: true,
      surfaces: null,
      when: null,
      match: null,
      items: ["prod_a"],
      factor: null,
      position: 0,
      note: null,
    })
  })

  it("keeps a boost's match, price band and factor, and the seed condition's non-empty lists", () => {
    const draft = draftOf(
      rule({ kind: "boost", factor: 1.5, when: { category_ids: ["pcat_a"] }, match: { tag_ids: ["ptag_b"], price_min: 10 } })
    )
    draft.match.price_max = "50"
    draft.surfaces = ["related"]
    expect(ruleInputOf(draft)).toMatchObject({
      kind: "boost",
      surfaces: ["related"],
      when: { category_ids: ["pcat_a"] },
      match: { tag_ids: ["ptag_b"], price_min: 10, price_max: 50 },
      items: null,
      factor: 1.5,
      position: null,
    })
  })
})

describe("a condition in the rules table", () => {
  it("counts what it names, with the price band", () => {
    expect(describeCondition({ product_ids: ["a", "b"], category_ids: ["c"], price_max: 20 })).toBe("2 products, 1 category, price 0 to 20")
    expect(describeCondition(null)).toBe("-")
  })
})
