import { buildCatalogue, type ServingCatalogue } from "../../../src/modules/recommendations/serving/catalogue"
import { ChannelView } from "../../../src/modules/recommendations/serving/channel-view"
import { documentsOf, loadedModel } from "./serving-fixture"

const rowOf = (csr: { offsets: Uint32Array; ids: Uint32Array }, i: number) => Array.from(csr.ids.subarray(csr.offsets[i], csr.offsets[i + 1]))

describe("buildCatalogue", () => {
  it("keeps the model's indices and appends documented products the model does not know", async () => {
    const docs = [...documentsOf(), { ...documentsOf()[0], product_id: "p_new", title: "Linen runner" }]
    const catalogue = await buildCatalogue(loadedModel(), docs)
    expect(catalogue.productIds).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p_new"])
    expect(catalogue.indexOf.get("p_new")).toBe(8)
    expect(catalogue.catalog.nItems).toBe(9)
    expect(catalogue.titles[8]).toBe("Linen runner")
    expect(catalogue.model.nItems).toBe(8)
  })

  it("marks products without a document, or not published, unavailable", async () => {
    const docs = documentsOf({ p1: { status: "draft" } }).filter((d) => d.product_id !== "p2")
    const { catalog } = await buildCatalogue(loadedModel(), docs)
    expect(Array.from(catalog.available)).toEqual([1, 0, 0, 1, 1, 1, 1, 1])
  })

  it("numbers categories as the model does, whatever order the documents list them in", async () => {
    // p7 (category c3) listed first would make c3 index 0 in a fresh index.
    const catalogue = await buildCatalogue(loadedModel(), documentsOf().reverse())
    expect(rowOf(catalogue.catalog.categories, 7)).toEqual([3])
    expect(rowOf(catalogue.catalog.categories, 2).sort()).toEqual([0, 1])
    expect(catalogue.categoryIndex.get("c3")).toBe(3)
    expect(catalogue.categoryNames[3]).toBe("Category 3")
  })

  it("gives categories the model never saw their own indices after the model's", async () => {
    const docs = documentsOf({ p6: { categories: [{ id: "c_gifts", name: "Gifts" }] } })
    const catalogue = await buildCatalogue(loadedModel(), docs)
    expect(catalogue.categoryIndex.get("c_gifts")).toBe(4)
    expect(rowOf(catalogue.catalog.categories, 6)).toEqual([4])
  })

  it("orders published products newest first, overall and per category", async () => {
    const catalogue = await buildCatalogue(loadedModel(), documentsOf({ p7: { status: "draft" } }))
    expect(Array.from(catalogue.newest)).toEqual([6, 5, 4, 3, 2, 1, 0])
    // Category 0 holds items 0, 1, 2 and 5.
    expect(rowOf({ offsets: catalogue.categoryNewest.offsets, ids: catalogue.categoryNewest.ids }, 0)).toEqual([5, 2, 1, 0])
  })

  it("serves the whole catalogue before any training, on an empty model", async () => {
    const catalogue = await buildCatalogue(null, documentsOf())
    expect(catalogue.version).toBe(0)
    expect(catalogue.model.nItems).toBe(0)
    expect(catalogue.productIds).toHaveLength(8)
    expect(Array.from(catalogue.newest)).toEqual([7, 6, 5, 4, 3, 2, 1, 0])
  })
})

describe("ChannelView", () => {
  let catalogue: ServingCatalogue
  beforeAll(async () => {
    catalogue = await buildCatalogue(loadedModel(), documentsOf({ p3: { sales_channel_ids: ["outlet"] }, p4: { sales_channel_ids: ["web", "outlet"] } }))
  })

  it("shows the products in any of the key's channels", () => {
    const web = new ChannelView(catalogue, ["web"])
    const outlet = new ChannelView(catalogue, ["outlet"])
    expect([3, 4].map((i) => web.isVisible(i))).toEqual([false, true])
    expect([0, 3, 4].map((i) => outlet.isVisible(i))).toEqual([false, true, true])
    expect(new ChannelView(catalogue, ["web", "outlet"]).isVisible(3)).toBe(true)
    // The catalogue's own availability is untouched.
    expect(catalogue.catalog.available[3]).toBe(1)
  })

  it("hides an unavailable product until a re-check finds it available again", () => {
    const view = new ChannelView(catalogue, ["web"], 1000)
    expect(view.neverChecked(0)).toBe(true)
    view.record([0, 1], new Set([1]), 0)
    expect([view.isAvailable(0), view.isAvailable(1)]).toEqual([true, false])
    expect(view.isStale(0, 999)).toBe(false)
    expect(view.isStale(0, 1000)).toBe(true)
    expect(view.takeExpired(999)).toEqual([])
    // Expired, it stays hidden until its re-check answers.
    expect(view.takeExpired(1000)).toEqual([1])
    expect(view.isAvailable(1)).toBe(false)
    view.record([1], new Set([1]), 1000)
    expect(view.takeExpired(2000)).toEqual([1])
    view.record([1], new Set(), 2000)
    expect(view.isAvailable(1)).toBe(true)
  })

  it("drops a product hydration found gone for the view's lifetime, re-checks aside", () => {
    const view = new ChannelView(catalogue, ["web"], 1000)
    view.drop(2)
    expect(view.isAvailable(2)).toBe(false)
    expect(view.isStale(2, 1e12)).toBe(false)
    expect(view.takeExpired(1e12)).toEqual([])
  })

  it("takes over the stock answers of the catalogue before it, by product id, drops aside", async () => {
    // Another index space: before any training, products are numbered from their documents.
    const before = await buildCatalogue(null, documentsOf({ p3: { sales_channel_ids: ["outlet"] } }).reverse())
    const at = (c: typeof catalogue, id: string) => c.indexOf.get(id)!
    expect(at(before, "p0")).not.toBe(at(catalogue, "p0"))
    const previous = new ChannelView(before, ["web"], 1000)
    previous.record([at(before, "p0"), at(before, "p1")], new Set([at(before, "p1")]), 0)
    previous.drop(at(before, "p2"))
    const view = new ChannelView(catalogue, ["web"], 1000, previous)
    const p0 = at(catalogue, "p0")
    expect([view.neverChecked(p0), view.isAvailable(p0), view.isStale(p0, 999), view.isStale(p0, 1000)]).toEqual([false, true, false, true])
    // Still hidden, with the same expiry.
    expect(view.isAvailable(at(catalogue, "p1"))).toBe(false)
    expect(view.takeExpired(999)).toEqual([])
    expect(view.takeExpired(1000)).toEqual([at(catalogue, "p1")])
    // A drop is the old documents' word: the new catalogue's product is checked again.
    expect([view.neverChecked(at(catalogue, "p2")), view.isAvailable(at(catalogue, "p2"))]).toEqual([true, true])
    expect(view.neverChecked(at(catalogue, "p5"))).toBe(true)
  })

  it("never shows a product outside the channel, whatever its stock", () => {
    const view = new ChannelView(catalogue, ["web"], 1000)
    view.record([3], new Set(), 0)
    expect(view.isAvailable(3)).toBe(false)
  })
})
