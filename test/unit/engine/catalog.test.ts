import { indexCatalog, type CatalogEntry } from "../../../src/engine/catalog"

const ENTRIES: CatalogEntry[] = [
  { categories: ["home", "textiles"], tags: ["linen"], collection: "summer", type: "cushion", price: 20, createdAt: 100, available: true },
  { categories: ["textiles", "textiles", "sale"], tags: ["linen", "wool"], collection: "winter", type: "throw", price: 0, available: false },
  {},
  { categories: ["home"], collection: "summer", type: "throw", createdAt: 0 },
]

describe("indexCatalog", () => {
  const { catalog, names } = indexCatalog(ENTRIES)

  it("numbers each attribute's names in order of first appearance", () => {
    expect(names).toEqual({
      categories: ["home", "textiles", "sale"],
      tags: ["linen", "wool"],
      collections: ["summer", "winter"],
      types: ["cushion", "throw"],
    })
  })

  it("lists categories and tags per item as index rows, duplicates once", () => {
    expect(catalog.nItems).toBe(4)
    // 0: home 0, textiles 1; 1: textiles 1, sale 2 (textiles twice counts once); 2: none; 3: home 0.
    expect([...catalog.categories.offsets]).toEqual([0, 2, 4, 4, 5])
    expect([...catalog.categories.ids]).toEqual([0, 1, 1, 2, 0])
    expect([...catalog.categories.values]).toEqual([1, 1, 1, 1, 1])
    // 0: linen 0; 1: linen 0, wool 1.
    expect([...catalog.tags.offsets]).toEqual([0, 1, 3, 3, 3])
    expect([...catalog.tags.ids]).toEqual([0, 0, 1])
    expect([...catalog.tags.values]).toEqual([1, 1, 1])
  })

  it("maps collection and type to indices, -1 when absent", () => {
    expect([...catalog.collection]).toEqual([0, 1, -1, 0])
    expect([...catalog.type]).toEqual([0, 1, -1, 1])
  })

  it("keeps prices (NaN when unknown, 0 kept) and creation times (-1 when unknown, 0 kept)", () => {
    expect([...catalog.price]).toEqual([20, 0, NaN, NaN])
    expect([...catalog.createdAt]).toEqual([100, -1, -1, 0])
  })

  it("marks items available unless they say otherwise", () => {
    expect([...catalog.available]).toEqual([1, 0, 1, 1])
  })

  it("treats empty names as no value and handles an empty catalogue", () => {
    const r = indexCatalog([{ collection: "", type: "" }])
    expect([...r.catalog.collection]).toEqual([-1])
    expect([...r.catalog.type]).toEqual([-1])
    expect(r.names.collections).toEqual([])
    const empty = indexCatalog([])
    expect(empty.catalog.nItems).toBe(0)
    expect([...empty.catalog.categories.offsets]).toEqual([0])
    expect(empty.catalog.available.length).toBe(0)
  })

  it("gives each index space its own numbering", () => {
    // The same string as a category and a tag gets index 0 in both.
    const r = indexCatalog([{ tags: ["x"] }, { categories: ["y", "x"], tags: ["x"] }])
    expect(r.names.categories).toEqual(["y", "x"])
    expect(r.names.tags).toEqual(["x"])
    expect([...r.catalog.categories.ids]).toEqual([0, 1])
    expect([...r.catalog.tags.ids]).toEqual([0, 0])
  })
})
