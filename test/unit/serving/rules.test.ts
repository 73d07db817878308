import { buildCatalogue, type ServingCatalogue } from "../../../src/modules/recommendations/serving/catalogue"
import { toEngineRules, type StoredRule } from "../../../src/modules/recommendations/serving/rules"
import { documentsOf, loadedModel } from "./serving-fixture"

const rule = (over: Partial<StoredRule>): StoredRule => ({
  kind: "exclude",
  enabled: true,
  surfaces: null,
  when: null,
  match: null,
  items: null,
  factor: null,
  position: null,
  ...over,
})

describe("toEngineRules", () => {
  let catalogue: ServingCatalogue
  beforeAll(async () => {
    catalogue = await buildCatalogue(loadedModel(), documentsOf({ p2: { tags: [{ id: "ptag_wool", value: "wool" }] } }))
  })

  it("maps Medusa ids to the catalogue's indices", () => {
    const rules = toEngineRules(
      [
        rule({ kind: "exclude", match: { product_ids: ["p3", "p_unknown"], category_ids: ["c2"], tag_ids: ["ptag_wool"] }, surfaces: ["also_bought", "bogus"] }),
        rule({ kind: "pin", items: ["p7"], position: 1, when: { category_ids: ["c0"] } }),
        rule({ kind: "boost", factor: 2, match: { price_min: 10, price_max: 30 } }),
        rule({ kind: "recommend_from", when: { product_ids: ["p0"] }, match: { category_ids: ["c3"] } }),
      ],
      catalogue
    )
    expect(rules).toEqual([
      { kind: "exclude", match: { items: [3], categories: [2], tags: [0] }, surfaces: ["also_bought"] },
      { kind: "pin", items: [7], position: 1, when: { categories: [0] } },
      { kind: "boost", factor: 2, match: { priceMin: 10, priceMax: 30 } },
      { kind: "recommend_from", when: { items: [0] }, match: { categories: [3] } },
    ])
  })

  it("skips disabled rules, and leaves a rule on unknown ids empty (so the engine ignores it)", () => {
    const rules = toEngineRules(
      [rule({ enabled: false, match: { product_ids: ["p1"] } }), rule({ match: { product_ids: ["p_gone"] } })],
      catalogue
    )
    expect(rules).toEqual([{ kind: "exclude", match: {} }])
  })
})
