import { ruleProblem, ruleReferences, toEngineRule } from "../../../src/workflows/rules/utils/rule-problem"
import type { RecommendationRuleFields } from "../../../src/workflows/rules/types"

const rule = (fields: Partial<RecommendationRuleFields> & Pick<RecommendationRuleFields, "kind">): RecommendationRuleFields => ({
  enabled: true,
  surfaces: null,
  when: null,
  match: null,
  items: null,
  factor: null,
  position: null,
  note: null,
  ...fields,
})

describe("ruleProblem", () => {
  it("accepts a valid rule of every kind", () => {
    const match = { category_ids: ["pcat_b"] }
    expect(ruleProblem(rule({ kind: "pin", items: ["prod_1", "prod_2"], position: 3 }))).toBeUndefined()
    expect(ruleProblem(rule({ kind: "exclude", match: { price_min: 100 } }))).toBeUndefined()
    expect(ruleProblem(rule({ kind: "boost", match, factor: 1.2, surfaces: ["cart"] }))).toBeUndefined()
    expect(ruleProblem(rule({ kind: "bury", match: { tag_ids: ["ptag_1"], price_min: 1, price_max: 1 }, factor: 0.1 }))).toBeUndefined()
    expect(ruleProblem(rule({ kind: "recommend_from", when: { category_ids: ["pcat_a"] }, match }))).toBeUndefined()
  })

  it("says what the engine would refuse", () => {
    const match = { product_ids: ["prod_1"] }
    expect(ruleProblem(rule({ kind: "boost", match, factor: 1 }))).toBe("a boost factor must be above 1")
    expect(ruleProblem(rule({ kind: "boost", match }))).toBe("a boost factor must be above 1")
    expect(ruleProblem(rule({ kind: "bury", match, factor: 0 }))).toBe("a bury factor must be between 0 and 1")
    expect(ruleProblem(rule({ kind: "bury", match }))).toBe("a bury factor must be between 0 and 1")
    expect(ruleProblem(rule({ kind: "pin" }))).toBe("a pin needs at least one product")
    expect(ruleProblem(rule({ kind: "pin", items: ["prod_1"], position: 1.5 }))).toBe("position must be a whole number from 0")
    expect(ruleProblem(rule({ kind: "recommend_from", match }))).toBe("recommend-from needs a seed condition")
    expect(ruleProblem(rule({ kind: "exclude", match: { product_ids: [] } }))).toBe(
      "the rule matches no products: list some or give a price band"
    )
    expect(ruleProblem(rule({ kind: "exclude", match: { price_min: 5, price_max: 4 } }))).toBe("the lowest price is above the highest")
    expect(ruleProblem(rule({ kind: "exclude", match, when: { tag_ids: [] } }))).toBe("the seed condition lists nothing")
  })

  it("refuses fields the kind would ignore", () => {
    const match = { product_ids: ["prod_1"] }
    expect(ruleProblem(rule({ kind: "exclude", match, factor: 2 }))).toBe("factor applies only to boost and bury rules")
    expect(ruleProblem(rule({ kind: "boost", match, factor: 2, items: ["prod_2"] }))).toBe("items applies only to pin rules")
    expect(ruleProblem(rule({ kind: "bury", match, factor: 0.5, position: 0 }))).toBe("position applies only to pin rules")
    expect(ruleProblem(rule({ kind: "pin", items: ["prod_2"], match }))).toMatch(/^match does not apply to pin rules/)
  })

  it("maps Medusa ids to the engine's lists, one stand-in index per id", () => {
    expect(
      toEngineRule(
        rule({
          kind: "bury",
          when: { product_ids: ["prod_a"], type_ids: ["ptyp_1", "ptyp_2"] },
          match: { collection_ids: ["pcol_1"], price_max: 30 },
          factor: 0.5,
          surfaces: ["related"],
        })
      )
    ).toEqual({
      kind: "bury",
      when: { items: [0], categories: undefined, collections: undefined, tags: undefined, types: [0, 1] },
      match: { items: undefined, categories: undefined, collections: [0], tags: undefined, types: undefined, priceMin: undefined, priceMax: 30 },
      factor: 0.5,
      surfaces: ["related"],
    })
  })
})

describe("ruleReferences", () => {
  it("collects every named id once, by entity", () => {
    const rules = [
      rule({ kind: "pin", items: ["prod_1", "prod_2"], when: { product_ids: ["prod_1"], category_ids: ["pcat_1"] } }),
      rule({ kind: "exclude", match: { tag_ids: ["ptag_1"], collection_ids: ["pcol_1"], type_ids: ["ptyp_1"], product_ids: ["prod_3"] } }),
    ]
    expect(ruleReferences(rules)).toEqual({
      product: ["prod_1", "prod_2", "prod_3"],
      product_category: ["pcat_1"],
      product_collection: ["pcol_1"],
      product_tag: ["ptag_1"],
      product_type: ["ptyp_1"],
    })
    expect(ruleReferences([rule({ kind: "exclude", match: { price_min: 1 } })])).toEqual({
      product: [],
      product_category: [],
      product_collection: [],
      product_tag: [],
      product_type: [],
    })
  })
})
