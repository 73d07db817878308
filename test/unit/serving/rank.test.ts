import { indexCatalog, train } from "../../../src/engine"
import { buildCatalogue } from "../../../src/modules/recommendations/serving/catalogue"
import { rankInStock, rankOnce, type RankInput } from "../../../src/modules/recommendations/serving/rank"
import { documentsOf, loadedModel, snapshotOf } from "./serving-fixture"
import { SERVING } from "../../../src/modules/recommendations/serving/params"

const ids = (list: { id: number }[]) => list.map((r) => r.id)
const input = (over: Partial<RankInput>): RankInput => ({ surface: "also_bought", want: 5, now: 0, ...over })
const noQuery = {} as never

describe("rankOnce", () => {
  it("ranks a product page's co-purchases first, explained, never the seed", async () => {
    const { snapshot } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()))
    const view = snapshot.view(["web"])
    const list = rankOnce(snapshot, view, input({ seeds: [0] }))
    expect(list[0]).toEqual(
      expect.objectContaining({ id: 1, productId: "p1", reason: "Bought together with Linen cushion in 10 orders" })
    )
    expect(list[0].sources.cooccurrence).toBeGreaterThan(0)
    expect(ids(list)).not.toContain(0)
    // p5 is unavailable in the fixture's model catalogue, but published here: documents decide.
    expect(list).toHaveLength(5)
  })

  it("fills a list the model cannot, with the newest products of the seed's categories first", async () => {
    const { snapshot } = snapshotOf(await buildCatalogue(null, documentsOf()))
    const list = rankOnce(snapshot, snapshot.view(["web"]), input({ seeds: [0], want: 4 }))
    // Category 0: items 5, 2, 1 (newest first); then the newest of all: 7.
    expect(ids(list)).toEqual([5, 2, 1, 7])
    expect(list.map((r) => r.reason)).toEqual(["New in Category 0", "New in Category 0", "New in Category 0", "New in the store"])
    expect(list[0].sources).toEqual({ category_newest: 0 })
  })

  it("gives a shop with products but no orders full lists: content first, then the newest", async () => {
    const docs = documentsOf()
    const { catalog, names } = indexCatalog(docs.map((d) => ({ categories: (d.categories ?? []).map((c) => c.id) })))
    const empty = { offsets: new Uint32Array(1), items: new Uint32Array(0), quantities: new Float32Array(0), time: new Float64Array(0), customer: new Int32Array(0) }
    const model = await train(
      {
        orders: { nItems: docs.length, nCustomers: 0, ...empty },
        documents: docs.map((d) => ({ title: d.title, categories: (d.categories ?? []).map((c) => c.name ?? "") })),
        categories: catalog.categories,
        nCategories: names.categories.length,
      },
      undefined,
      { threads: 1 }
    )
    const loaded = { ...loadedModel(), model, categoryIds: names.categories }
    const { snapshot } = snapshotOf(await buildCatalogue(loaded, docs))
    const list = rankOnce(snapshot, snapshot.view(["web"]), input({ surface: "related", seeds: [0], want: 7 }))
    // "Linen cushion": products sharing its words by content, then the rest, newest first.
    expect(ids(list).sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(list[0].sources.content).toBeGreaterThan(0)
    expect(list[0].reason).toMatch(/^Shares: .*(linen|cushion)/)
    expect(list.find((r) => r.id === 6)!.reason).toBe("New in the store")
  })

  it("keeps the cart and other channels' products out of the top-up too", async () => {
    const { snapshot } = snapshotOf(await buildCatalogue(null, documentsOf({ p7: { sales_channel_ids: ["outlet"] } })))
    const list = rankOnce(snapshot, snapshot.view(["web"]), input({ surface: "cart", cart: [6, 5], want: 8 }))
    expect(ids(list)).toEqual([2, 1, 0, 4, 3])
  })

  it("serves trending as the store-wide list", async () => {
    const { snapshot } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()))
    const list = rankOnce(snapshot, snapshot.view(["web"]), input({ surface: "trending", want: 3 }))
    expect(ids(list)).toEqual([6, 0, 1])
    expect(list[0].reason).toBe("Popular right now")
  })

  it("uses a shopper's history for for_you, products trained without it left out of the scores", async () => {
    const docs = [...documentsOf(), { ...documentsOf()[0], product_id: "p_new" }]
    const { snapshot } = snapshotOf(await buildCatalogue(loadedModel(), docs))
    const history = { ids: [8, 3], time: [0, 0], weight: [1, 1] }
    const list = rankOnce(snapshot, snapshot.view(["web"]), input({ surface: "for_you", history, purchased: [3], want: 3 }))
    // Item 3's co-purchases (4, then 1) follow the repeat purchase itself.
    expect(ids(list)).toEqual([3, 4, 1])
  })
})

describe("rankInStock", () => {
  it("checks never-seen products before answering and ranks again without those out of stock", async () => {
    const { snapshot, calls } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()), (ids) => ids.filter((id) => id === "p1"))
    const view = snapshot.view(["web"])
    const rank = () => rankOnce(snapshot, view, input({ seeds: [0], want: 3 }))
    const list = await rankInStock(snapshot, view, rank, noQuery, ["web"], 0, fail)
    expect(ids(list)).not.toContain(1)
    expect(list).toHaveLength(3)
    expect(calls[0]).toContain("p1")
    // Known answers serve the next request without a query.
    const before = calls.length
    expect(ids(await rankInStock(snapshot, view, rank, noQuery, ["web"], 1, fail))).toEqual(ids(list))
    expect(calls.length).toBe(before)
  })

  it("checks a new view's products in the background once, best sellers first, then serves without waiting", async () => {
    const catalogue = await buildCatalogue(loadedModel(), documentsOf({ p6: { sales_channel_ids: ["pos"] } }))
    const { snapshot, calls } = snapshotOf(catalogue, (ids) => ids.filter((id) => id === "p4"))
    const view = snapshot.view(["web"])
    await rankInStock(snapshot, view, () => rankOnce(snapshot, view, input({ seeds: [0], want: 2 })), noQuery, ["web"], 0, fail)
    await settle()
    // One query for the page's own unchecked products, one for every product of the channel (p6 is
    // not in "web"), best sellers first: the request does not wait for the second.
    const inChannel = [...catalogue.model.trendingOrder, ...catalogue.productIds.keys()].filter((i, k, all) => i !== 6 && all.indexOf(i) === k)
    expect(calls).toHaveLength(2)
    expect(calls).toContainEqual(inChannel.map((i) => `p${i}`))
    expect(view.isAvailable(4)).toBe(false)
    // Another page's list needs no query now, and the view does not check its products again.
    const before = calls.length
    await rankInStock(snapshot, view, () => rankOnce(snapshot, view, input({ seeds: [5], want: 3 })), noQuery, ["web"], 1, fail)
    await settle()
    expect(calls.length).toBe(before)
  })

  it("re-checks expired answers in the background, serving the old ones meanwhile", async () => {
    let out: string[] = ["p1"]
    const { snapshot, calls } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()), () => out)
    const view = snapshot.view(["web"])
    const rank = () => rankOnce(snapshot, view, input({ seeds: [0], want: 3 }))
    await rankInStock(snapshot, view, rank, noQuery, ["web"], 0, fail)
    out = [] // p1 restocked
    const later = 2 * SERVING.stockTtlMs
    const before = calls.length
    const served = await rankInStock(snapshot, view, rank, noQuery, ["web"], later, fail)
    expect(ids(served)).not.toContain(1)
    await new Promise((r) => setImmediate(r))
    expect(calls.slice(before).some((ids) => ids.includes("p1"))).toBe(true)
    expect(ids(await rankInStock(snapshot, view, rank, noQuery, ["web"], later + 1, fail))[0]).toBe(1)
  })
  it("coalesces the background re-checks of concurrent requests: one query at a time, the rest in the next", async () => {
    const { snapshot, calls } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()))
    const view = snapshot.view(["web"])
    const from = (seed: number) => () => rankOnce(snapshot, view, input({ seeds: [seed], want: 3 }))
    for (const seed of [0, 3, 5]) await rankInStock(snapshot, view, from(seed), noQuery, ["web"], 0, fail)
    await settle() // the new view's background check
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const answer = snapshot.stock.outOfStock
    snapshot.stock.outOfStock = async (...args) => {
      await held
      return answer(...args)
    }
    const later = 2 * SERVING.stockTtlMs
    const before = calls.length
    // Three requests as every answer has expired: the first starts a re-check, the others wait for it.
    for (const seed of [0, 3, 5]) await rankInStock(snapshot, view, from(seed), noQuery, ["web"], later, fail)
    await new Promise((r) => setImmediate(r))
    expect(calls.length).toBe(before)
    release()
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    const rechecks = calls.slice(before)
    expect(rechecks).toHaveLength(2)
    // Every listed product re-checked once, across the two queries.
    const listed = new Set([0, 3, 5].flatMap((seed) => ids(from(seed)()).map((id) => `p${id}`)))
    expect(rechecks.flat().sort()).toEqual([...listed].sort())
  })

  it("keeps a hidden product hidden, and queued, when its background re-check fails", async () => {
    let broken = false
    const { snapshot } = snapshotOf(await buildCatalogue(loadedModel(), documentsOf()), (ids) => {
      if (broken) throw new Error("database down")
      return ids.filter((id) => id === "p1")
    })
    const view = snapshot.view(["web"])
    const rank = () => rankOnce(snapshot, view, input({ seeds: [0], want: 3 }))
    await rankInStock(snapshot, view, rank, noQuery, ["web"], 0, fail)
    await settle()
    broken = true
    const errors: unknown[] = []
    await rankInStock(snapshot, view, rank, noQuery, ["web"], 2 * SERVING.stockTtlMs, (e) => errors.push(e))
    await new Promise((r) => setImmediate(r))
    expect(errors).toHaveLength(1)
    expect(view.isAvailable(1)).toBe(false)
    expect(view.takeExpired(4 * SERVING.stockTtlMs)).toContain(1)
  })
})

/** Lets background stock checks run to the end (the queue yields between batches). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r))
}

const fail = (error: unknown) => {
  throw error
}
