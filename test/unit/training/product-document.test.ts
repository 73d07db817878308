import { categoryIdsOf, productDocumentOf, type ProductDocumentRow } from "../../../src/training/product-document"

const row = (fields: Partial<ProductDocumentRow>): ProductDocumentRow => ({
  product_id: "prod_1",
  title: null,
  subtitle: null,
  description: null,
  type: null,
  collection: null,
  categories: null,
  tags: null,
  ...fields,
})

describe("productDocumentOf", () => {
  it("reads the text fields, tag values, category names and the chosen metadata keys", () => {
    const document = productDocumentOf(
      row({
        title: "Linen cushion",
        subtitle: "Natural",
        description: "Stonewashed linen",
        type: "Cushion",
        collection: "Summer",
        categories: [{ id: "pcat_1", name: "Cushions" }, { id: "pcat_2", name: "Living room" }],
        tags: [{ id: "ptag_1", value: "linen" }],
        metadata: { material: "linen", sizes: [40, 50], secret: "not read", nested: { a: 1 } },
      }),
      ["material", "sizes", "nested", "missing"]
    )
    expect(document).toEqual({
      title: "Linen cushion",
      subtitle: "Natural",
      description: "Stonewashed linen",
      type: "Cushion",
      collection: "Summer",
      categories: ["Cushions", "Living room"],
      tags: ["linen"],
      metadata: { material: "linen", sizes: "40 50" },
    })
  })

  it("reads malformed JSON columns as empty instead of failing", () => {
    const document = productDocumentOf(
      row({ title: "Mug", categories: { id: "pcat_1" }, tags: ["linen", null, { value: 3 }], metadata: "text" }),
      ["material"]
    )
    expect(document).toEqual({ title: "Mug" })
    expect(categoryIdsOf("nonsense")).toEqual([])
    expect(categoryIdsOf([{ id: "pcat_1", name: "A" }, { name: "no id" }])).toEqual(["pcat_1"])
  })

  it("ignores metadata when no key is chosen", () => {
    expect(productDocumentOf(row({ title: "Mug", metadata: { material: "stone" } }), [])).toEqual({ title: "Mug" })
  })
})
