import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createApiKeysWorkflow,
  createCartWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createStockLocationsWorkflow,
  deleteProductsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateProductsWorkflow,
} from "@medusajs/medusa/core-flows"
import { indexCatalog, train } from "../../src/engine"
import type { Orders } from "../../src/engine/types"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"

jest.setTimeout(180_000)

const pluginRoot = path.resolve(__dirname, "../..")
const DAY = 86_400_000

/** The shop: key -> title, categories, channel, stock. Every product costs 10 EUR per key letter. */
const PRODUCTS = [
  { key: "A", title: "Linen cushion", category: "Cushions" },
  { key: "B", title: "Linen throw", category: "Throws" },
  { key: "C", title: "Ceramic mug", category: "Kitchen" },
  { key: "D", title: "Mug rack", category: "Kitchen" },
  { key: "E", title: "Wool throw", category: "Throws", stock: 0 },
  { key: "F", title: "Outlet vase", category: "Decor", outlet: true },
  { key: "G", title: "Stone bowl", category: "Kitchen" },
  { key: "H", title: "Oak tray", category: "Kitchen" },
  { key: "I", title: "Linen napkin", category: "Kitchen", stock: 5 },
  { key: "J", title: "Cotton cushion", category: "Cushions" },
  { key: "K", title: "Wool blanket", category: "Throws" },
  { key: "L", title: "Glass vase", category: "Decor" },
  { key: "M", title: "Gift card" },
  { key: "N", title: "Draft lamp", category: "Decor", draft: true },
] as const
type Key = (typeof PRODUCTS)[number]["key"]

/** Hand-made orders: A is bought with B most, then with E (out of stock) and F (other channel). */
const BASKETS: Key[][] = [
  ...Array(5).fill(["A", "B"]),
  ...Array(4).fill(["A", "E"]),
  ...Array(4).fill(["A", "F"]),
  ...Array(3).fill(["A", "G"]),
  ...Array(3).fill(["A", "H"]),
  ...Array(2).fill(["A", "C"]),
  ...Array(3).fill(["C", "D"]),
  ...Array(2).fill(["B", "K"]),
  ...Array(2).fill(["C", "I"]),
  // The rest of the shop's orders.
  ...Array(6).fill(["J", "L"]),
  ...Array(6).fill(["K", "M"]),
  ...Array(6).fill(["D", "J"]),
  ...Array(6).fill(["L", "M"]),
]

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    const ids = {} as Record<Key, string>
    let region: { id: string }
    let web: string
    let outlet: string
    let headers: { headers: Record<string, string> }
    let container: MedusaContainer
    let service: RecommendationsModuleService

    const keyOf = (productId: string) => (Object.keys(ids) as Key[]).find((k) => ids[k] === productId) ?? productId
    const get = (url: string, options: { headers?: Record<string, string> } = headers) =>
      api.get(url, { ...options, validateStatus: () => true })
    const keys = (response: { data: { products: { id: string }[] } }) => response.data.products.map((p) => keyOf(p.id))

    /** Polls until `check` passes (state refreshes in the background every 1-2 s). */
    async function eventually(check: () => Promise<void>, timeoutMs = 8_000) {
      const until = Date.now() + timeoutMs
      for (;;) {
        try {
          return await check()
        } catch (error) {
          if (Date.now() > until) throw error
          await new Promise((r) => setTimeout(r, 250))
        }
      }
    }

    /** Trains the engine on baskets of product keys and makes the result the current model. */
    async function saveModel(baskets: Key[][]) {
      const productIds = PRODUCTS.map((p) => ids[p.key])
      const index = new Map(PRODUCTS.map((p, i) => [p.key as Key, i]))
      const now = Date.now()
      const orders: Orders = {
        nItems: PRODUCTS.length,
        nCustomers: 0,
        offsets: Uint32Array.from([0, ...baskets.map((_, o) => baskets.slice(0, o + 1).flat().length)]),
        items: Uint32Array.from(baskets.flat().map((k) => index.get(k)!)),
        quantities: new Float32Array(baskets.flat().length).fill(1),
        time: Float64Array.from(baskets, (_, o) => now - (o % 10) * DAY),
        customer: new Int32Array(baskets.length).fill(-1),
      }
      const categoryIds = PRODUCTS.map((p) => ("category" in p ? `pcat_${p.category}` : undefined))
      const { catalog, names } = indexCatalog(categoryIds.map((c) => ({ categories: c ? [c] : [] })))
      const model = await train({
        orders,
        documents: PRODUCTS.map((p) => ({ title: p.title, categories: "category" in p ? [p.category] : [] })),
        categories: catalog.categories,
        nCategories: names.categories.length,
      })
      return await service.saveModelVersion({
        model,
        productIds,
        categoryIds: names.categories,
        counts: { orders: baskets.length, lines: orders.items.length, products: PRODUCTS.length, customers: 0 },
      })
    }

    const documentOf = (p: (typeof PRODUCTS)[number], productId: string, createdAt: Date) => ({
      product_id: productId,
      title: p.title,
      subtitle: null,
      description: null,
      handle: null,
      type: null,
      type_id: null,
      collection: null,
      collection_id: null,
      price: null,
      status: "draft" in p ? "draft" : "published",
      sales_channel_ids: ["outlet" in p ? outlet : web],
      categories: "category" in p ? [{ id: `pcat_${p.category}`, name: p.category }] : [],
      tags: [],
      created_at_source: createdAt,
      metadata: null,
    })

    /**
     * Hand-made documents (categories, creation order) over the ones the catalogue sync writes
     * for new products: after the sync has written them, so it cannot overwrite these.
     */
    async function writeDocuments(documents: ReturnType<typeof documentOf>[]) {
      await eventually(async () => {
        const synced = await service.listProductDocuments({ product_id: documents.map((d) => d.product_id) })
        expect(synced).toHaveLength(documents.length)
      })
      await service.upsertProductDocuments(documents)
    }

    beforeAll(async () => {
      container = getContainer()
      service = container.resolve("recommendations")
      const { result: regions } = await createRegionsWorkflow(container).run({
        input: { regions: [{ name: "Europe", currency_code: "eur", countries: ["de"] }] },
      })
      region = regions[0]
      const { result: channels } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Web" }, { name: "Outlet" }] },
      })
      web = channels[0].id
      outlet = channels[1].id
      const { result: locations } = await createStockLocationsWorkflow(container).run({
        input: { locations: [{ name: "Warehouse" }] },
      })
      await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: locations[0].id, add: [web, outlet] } })
      const { result: keysCreated } = await createApiKeysWorkflow(container).run({
        input: { api_keys: [{ title: "Web store", type: "publishable", created_by: "test" }] },
      })
      await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keysCreated[0].id, add: [web] } })
      headers = { headers: { "x-publishable-api-key": keysCreated[0].token } }

      const { result: products } = await createProductsWorkflow(container).run({
        input: {
          products: PRODUCTS.map((p, i) => ({
            title: p.title,
            status: "draft" in p ? "draft" : "published",
            options: [{ title: "Size", values: ["One"] }],
            sales_channels: [{ id: "outlet" in p ? outlet : web }],
            variants: [
              {
                title: "One",
                options: { Size: "One" },
                manage_inventory: "stock" in p,
                prices: [{ amount: 10 * (i + 1), currency_code: "eur" }],
              },
            ],
          })),
        },
      })
      products.forEach((product, i) => (ids[PRODUCTS[i].key] = product.id))

      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: variants } = await query.graph({
        entity: "variant",
        fields: ["product_id", "inventory_items.inventory_item_id"],
        filters: { product_id: PRODUCTS.filter((p) => "stock" in p).map((p) => ids[p.key]) },
      })
      await createInventoryLevelsWorkflow(container).run({
        input: {
          inventory_levels: variants.map((v) => ({
            inventory_item_id: v.inventory_items![0]!.inventory_item_id,
            location_id: locations[0].id,
            stocked_quantity: PRODUCTS.find((p) => ids[p.key] === v.product_id && "stock" in p)!.stock as number,
          })),
        },
      })

      // Product documents as the catalogue sync writes them; A is the oldest, M the newest.
      await writeDocuments(
        PRODUCTS.map((p, i) => documentOf(p, ids[p.key], new Date(Date.UTC(2024, 0, 1 + i))))
      )
      await saveModel(BASKETS)
    })

    describe("GET /store/products/:id/recommendations", () => {
      it("puts the co-purchased product first with its reason, in Medusa's product shape", async () => {
        const response = await get(`/store/products/${ids.A}/recommendations?limit=6`)
        expect(response.status).toBe(200)
        expect(response.data).toEqual({
          recommendation_id: expect.stringMatching(/^recl_/),
          surface: "also_bought",
          products: expect.any(Array),
        })
        expect(keys(response)).toHaveLength(6)
        expect(keys(response)[0]).toBe("B")
        const [first] = response.data.products
        expect(first.recommendation).toEqual({
          score: expect.any(Number),
          sources: expect.objectContaining({ cooccurrence: expect.any(Number) }),
          reason: "Bought together with Linen cushion in 5 orders",
        })
        // Never the seed, never out of stock (E), another channel's (F) or a draft (N).
        expect(keys(response)).not.toEqual(expect.arrayContaining(["A"]))
        for (const hidden of ["A", "E", "F", "N"]) expect(keys(response)).not.toContain(hidden)
        // A managed product with stock in the channel's location is shown.
        const all = await get(`/store/products/${ids.A}/recommendations?limit=20`)
        expect(keys(all)).toContain("I")
        expect(new Set(keys(all)).size).toBe(keys(all).length)

        // Exactly what Medusa's own product listing returns for that product, plus the recommendation.
        const own = await get(`/store/products?id[]=${ids.B}`)
        const { recommendation, ...product } = first
        expect(product).toEqual(own.data.products[0])
        expect(recommendation.score).toBeGreaterThan(response.data.products[1].recommendation.score)
      })

      it("prices for a region_id and honours fields, as /store/products does", async () => {
        const priced = await get(`/store/products/${ids.A}/recommendations?limit=3&region_id=${region.id}`)
        expect(priced.status).toBe(200)
        const b = priced.data.products[0]
        expect(b.variants[0].calculated_price).toEqual(
          expect.objectContaining({ calculated_amount: 20, currency_code: "eur" })
        )
        const own = await get(`/store/products?id[]=${ids.B}&region_id=${region.id}`)
        const { recommendation, ...product } = b
        expect(product).toEqual(own.data.products[0])

        const narrow = await get(`/store/products/${ids.A}/recommendations?limit=3&fields=id,title`)
        expect(narrow.status).toBe(200)
        for (const p of narrow.data.products) expect(Object.keys(p).sort()).toEqual(["id", "recommendation", "title"])
        const withPrice = await get(`/store/products/${ids.A}/recommendations?limit=2&fields=id,*variants.calculated_price&region_id=${region.id}`)
        expect(withPrice.data.products[0].variants[0].calculated_price.calculated_amount).toBe(20)
      })

      it("returns { id } only, still filtered, with hydrate=false", async () => {
        const response = await get(`/store/products/${ids.A}/recommendations?limit=20&hydrate=false`)
        expect(response.status).toBe(200)
        expect(keys(response)[0]).toBe("B")
        for (const p of response.data.products) expect(Object.keys(p).sort()).toEqual(["id", "recommendation"])
        for (const hidden of ["A", "E", "F", "N"]) expect(keys(response)).not.toContain(hidden)
      })

      it("follows product documents for lists without hydration", async () => {
        expect(keys(await get(`/store/products/${ids.A}/recommendations?limit=20&hydrate=false`))).toContain("G")
        await dbConnection.raw("update recommendation_product_document set status = 'draft', updated_at = now() where product_id = ?", [ids.G])
        await eventually(async () => {
          expect(keys(await get(`/store/products/${ids.A}/recommendations?limit=20&hydrate=false`))).not.toContain("G")
        })
        // Its own page is gone too, like /store/products/:id.
        expect((await get(`/store/products/${ids.G}/recommendations`)).status).toBe(404)
      })

      it("gives related products by content and a full list for a product the model does not know", async () => {
        const related = await get(`/store/products/${ids.A}/recommendations?surface=related&limit=5`)
        expect(related.status).toBe(200)
        expect(related.data.surface).toBe("related")
        expect(keys(related)).toHaveLength(5)
        expect(keys(related)).not.toContain("A")

        const { result } = await createProductsWorkflow(container).run({
          input: {
            products: [
              {
                title: "Linen runner",
                status: "published",
                options: [{ title: "Size", values: ["One"] }],
                sales_channels: [{ id: web }],
                variants: [{ title: "One", options: { Size: "One" }, manage_inventory: false, prices: [{ amount: 5, currency_code: "eur" }] }],
              },
            ],
          },
        })
        const fresh = result[0].id
        // Without a document yet: Medusa says it is on sale, so it still gets a list.
        const undocumented = await get(`/store/products/${fresh}/recommendations?limit=5`)
        expect(undocumented.status).toBe(200)
        expect(keys(undocumented)).toHaveLength(5)

        await writeDocuments([
          { ...documentOf(PRODUCTS[0], fresh, new Date()), title: "Linen runner" },
        ])
        await eventually(async () => {
          const response = await get(`/store/products/${fresh}/recommendations?limit=5`)
          expect(response.status).toBe(200)
          expect(keys(response)).toHaveLength(5)
          expect(keys(response)).not.toContain(fresh)
          // Its category (Cushions) comes first: J, then A.
          expect(response.data.products[0].recommendation.reason).toMatch(/Cushions|Popular|Bought/)
        })
      })

      it("answers 404 for unknown, unpublished and other channels' products", async () => {
        expect((await get(`/store/products/prod_01UNKNOWN/recommendations`)).status).toBe(404)
        expect((await get(`/store/products/${ids.N}/recommendations`)).status).toBe(404)
        const outletPage = await get(`/store/products/${ids.F}/recommendations`)
        expect(outletPage.status).toBe(404)
        expect(outletPage.data.message).toContain(ids.F)
      })
    })

    describe("GET /store/recommendations", () => {
      it("never recommends what is in the cart", async () => {
        const { result: cart } = await createCartWorkflow(container).run({
          input: {
            region_id: region.id,
            sales_channel_id: web,
            currency_code: "eur",
            items: [{ variant_id: await variantOf("A"), quantity: 1 }, { variant_id: await variantOf("B"), quantity: 1 }],
          },
        })
        const response = await get(`/store/recommendations?surface=cart&cart_id=${cart.id}&limit=8`)
        expect(response.status).toBe(200)
        expect(response.data.surface).toBe("cart")
        expect(keys(response)).toHaveLength(8)
        expect(keys(response)).not.toContain("A")
        expect(keys(response)).not.toContain("B")
        // K is bought with B only: the cart's co-purchases are in the list.
        expect(keys(response)).toContain("K")
        expect(response.data.products.filter((p: { recommendation: { sources: object } }) => "cooccurrence" in p.recommendation.sources).length).toBeGreaterThan(2)
        // Any list given the cart leaves its products out.
        const page = await get(`/store/products/${ids.C}/recommendations?cart_id=${cart.id}&limit=20&hydrate=false`)
        expect(keys(page)).not.toContain("A")
        expect(keys(page)).not.toContain("B")
        expect((await get(`/store/recommendations?surface=cart&cart_id=cart_01UNKNOWN`)).status).toBe(404)
      })

      it("serves for_you from a session's history, recently_viewed newest first, and trending", async () => {
        const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000)
        await service.recordEvents([
          { type: "view", product_id: ids.C, session_id: "sess_1", occurred_at: at(30) },
          { type: "view", product_id: ids.K, session_id: "sess_1", occurred_at: at(20) },
          { type: "view", product_id: ids.E, session_id: "sess_1", occurred_at: at(15) },
          { type: "view", product_id: ids.C, session_id: "sess_1", occurred_at: at(10) },
        ])
        const viewed = await get(`/store/recommendations?surface=recently_viewed&session_id=sess_1`)
        expect(viewed.status).toBe(200)
        // Newest first, each once; the out-of-stock E is left out.
        expect(keys(viewed)).toEqual(["C", "K"])
        expect(viewed.data.products[0].recommendation.reason).toBe("You viewed this recently")

        const forYou = await get(`/store/recommendations?surface=for_you&session_id=sess_1&limit=5`)
        expect(forYou.status).toBe(200)
        expect(keys(forYou)).toHaveLength(5)
        // C's co-purchases (D, I) come from the session's history.
        expect(keys(forYou)).toEqual(expect.arrayContaining(["D"]))

        const anonymous = await get(`/store/recommendations?surface=for_you&limit=5`)
        expect(anonymous.status).toBe(200)
        expect(keys(anonymous)).toHaveLength(5)

        const trending = await get(`/store/recommendations?surface=trending&limit=4`)
        expect(trending.status).toBe(200)
        // A is in 21 of the 52 orders, more than any other.
        expect(keys(trending)[0]).toBe("A")
        expect(trending.data.products[0].recommendation.reason).toBe("Popular right now")
      })

      it("serves a logged-in customer's own history, whatever session_id says", async () => {
        const credentials = { email: "shopper@example.com", password: "secret-password" }
        const registered = await api.post("/auth/customer/emailpass/register", credentials)
        await api.post(
          "/store/customers",
          { email: credentials.email },
          { headers: { ...headers.headers, authorization: `Bearer ${registered.data.token}` } }
        )
        const login = await api.post("/auth/customer/emailpass", credentials)
        const customer = { headers: { ...headers.headers, authorization: `Bearer ${login.data.token}` } }
        const me = await api.get("/store/customers/me", customer)
        await service.recordEvents([
          { type: "purchase", product_id: ids.C, customer_id: me.data.customer.id, order_id: "order_1", occurred_at: new Date() },
          { type: "view", product_id: ids.L, customer_id: me.data.customer.id, occurred_at: new Date() },
          { type: "view", product_id: ids.M, session_id: "sess_2", occurred_at: new Date() },
        ])
        const forYou = await get(`/store/recommendations?surface=for_you&limit=6&session_id=sess_2`, customer)
        expect(forYou.status).toBe(200)
        const reasons = forYou.data.products.map((p: { recommendation: { reason: string } }) => p.recommendation.reason)
        expect(reasons).toContain("Because you bought Ceramic mug")
        const viewed = await get(`/store/recommendations?surface=recently_viewed&session_id=sess_2`, customer)
        expect(keys(viewed)).toEqual(["L"])
        // Without the customer, the session's own history.
        expect(keys(await get(`/store/recommendations?surface=recently_viewed&session_id=sess_2`))).toEqual(["M"])
      })

      async function variantOf(key: Key): Promise<string> {
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "variant", fields: ["id"], filters: { product_id: ids[key] } })
        return data[0].id
      }
    })

    describe("model, settings and rules", () => {
      it("picks up a newer model version without a restart", async () => {
        const reasons = async () =>
          (await get(`/store/products/${ids.C}/recommendations?limit=8&hydrate=false`)).data.products.map(
            (p: { id: string; recommendation: { reason: string } }) => [keyOf(p.id), p.recommendation.reason]
          )
        expect(await reasons()).not.toContainEqual(["G", expect.stringContaining("Ceramic mug")])
        await saveModel([...Array(5).fill(["C", "G"]), ...BASKETS])
        await eventually(async () => {
          expect(await reasons()).toContainEqual(["G", "Bought together with Ceramic mug in 5 orders"])
        })
      })

      it("applies an exclude rule and changed settings on the next requests, without retraining", async () => {
        await service.createRecommendationRules([{ kind: "exclude", match: { product_ids: [ids.B] }, surfaces: ["also_bought"] }])
        await eventually(async () => {
          expect(keys(await get(`/store/products/${ids.A}/recommendations?limit=20&hydrate=false`))).not.toContain("B")
        })
        // Related is another surface: the rule does not apply there.
        expect(keys(await get(`/store/products/${ids.A}/recommendations?surface=related&limit=20&hydrate=false`))).toContain("B")

        await service.saveSettings("also_bought", { limit: 3 })
        await eventually(async () => {
          expect(keys(await get(`/store/products/${ids.A}/recommendations?hydrate=false`))).toHaveLength(3)
        })
      })

      it("gives full lists from the catalogue before any model (cold start)", async () => {
        await dbConnection.raw("update recommendation_model_version set is_current = false")
        await eventually(async () => {
          const page = await get(`/store/products/${ids.A}/recommendations?limit=5`)
          expect(page.status).toBe(200)
          // A's category first (J is the only other cushion), then the newest products, read from
          // the documents as they are now: a document re-synced by a product change carries
          // Medusa's own creation time, not the one this suite wrote.
          const { rows } = await dbConnection.raw("select product_id, created_at_source from recommendation_product_document where deleted_at is null")
          const createdAt = new Map<string, number>(rows.map((r: { product_id: string; created_at_source: Date }) => [r.product_id, new Date(r.created_at_source).getTime()]))
          const products = page.data.products as { id: string; recommendation: { reason: string } }[]
          expect(keys(page)).toHaveLength(5)
          expect(keys(page)[0]).toBe("J")
          expect(products[0].recommendation).toEqual({ score: 0, sources: { category_newest: 0 }, reason: "New in Cushions" })
          expect(products.slice(1).map((p) => p.recommendation.reason)).toEqual(Array(4).fill("New in the store"))
          const times = products.slice(1).map((p) => createdAt.get(p.id)!)
          expect(times).toEqual([...times].sort((a, b) => b - a))
          // Nothing newer left out: the oldest listed is at least as new as every other product on
          // sale here. The database, rules included, is restored before each test; G's draft
          // document (an earlier test) stays in this process's memory.
          const listed = new Set(keys(page))
          const onSale = ["B", "C", "D", "H", "I", "K", "L", "M"].filter((k) => !listed.has(k as Key))
          for (const k of onSale) expect(createdAt.get(ids[k as Key])!).toBeLessThanOrEqual(Math.min(...times))
        })
        for (const surface of ["for_you", "trending"]) {
          const response = await get(`/store/recommendations?surface=${surface}&limit=6`)
          expect(response.status).toBe(200)
          expect(keys(response)).toHaveLength(6)
        }
        const related = await get(`/store/products/${ids.C}/recommendations?surface=related&limit=6`)
        expect(keys(related)).toHaveLength(6)
      })
    })

    // Last: hydration takes the removed products out of this process's lists until the product
    // documents change, and the database restore between tests does not reach memory.
    describe("removed products", () => {
      it("drops a product unpublished or deleted after a list was served, from the next request on", async () => {
        // The trained model is current again (the previous test's database was restored).
        await eventually(async () => {
          const before = await get(`/store/products/${ids.A}/recommendations?limit=8`)
          expect(keys(before)[0]).toBe("B")
          expect(keys(before)).toEqual(expect.arrayContaining(["G", "H"]))
        })
        await updateProductsWorkflow(container).run({ input: { selector: { id: ids.G }, update: { status: "draft" } } })
        await deleteProductsWorkflow(container).run({ input: { ids: [ids.H] } })
        const after = await get(`/store/products/${ids.A}/recommendations?limit=8`)
        expect(after.status).toBe(200)
        expect(keys(after)).not.toContain("G")
        expect(keys(after)).not.toContain("H")
        expect(keys(after)).toHaveLength(8)
        expect(keys(after)[0]).toBe("B")
        // Their own pages are gone at once too, though their documents still say published.
        expect((await get(`/store/products/${ids.G}/recommendations`)).status).toBe(404)
        expect((await get(`/store/products/${ids.H}/recommendations`)).status).toBe(404)
      })
    })

    describe("bad input", () => {
      it("needs the publishable key", async () => {
        const response = await get(`/store/products/${ids.A}/recommendations`, {})
        expect(response.status).toBe(400)
        expect(response.data.message).toMatch(/publishable/i)
        expect((await get(`/store/recommendations?surface=trending`, {})).status).toBe(400)
      })

      it("answers malformed query shapes with a 4xx, never a 500", async () => {
        const urls = [
          "/store/recommendations?surface[]=trending",
          "/store/recommendations?surface=trending&limit[gt]=3",
          "/store/recommendations?surface=cart&cart_id[]=a&cart_id[]=b",
          "/store/recommendations?surface=trending&session_id[x]=1",
          "/store/recommendations?surface=trending&fields[]=id&fields[]=title&hydrate=false",
          "/store/recommendations?surface=trending&a.b.c=1",
          `/store/products/${"p".repeat(300)}/recommendations`,
          `/store/products/${ids.A}/recommendations?surface=related&surface=also_bought`,
          `/store/products/${ids.A}/recommendations?region_id[]=x&fields=*variants.calculated_price`,
        ]
        for (const url of urls) {
          const response = await get(url)
          expect([url, response.status]).toEqual([url, 400])
          expect(response.data.message).toEqual(expect.any(String))
        }
      })

      it.each([
        ["/store/recommendations", "surface"],
        ["/store/recommendations?surface=bestsellers", "surface"],
        ["/store/recommendations?surface=cart", "cart_id"],
        ["/store/recommendations?surface=recently_viewed", "recently_viewed"],
        ["/store/recommendations?surface=trending&limit=0", "limit"],
        ["/store/recommendations?surface=trending&limit=51", "limit"],
        ["/store/recommendations?surface=trending&limit=2.5", "limit"],
        ["/store/recommendations?surface=trending&limit=ten", "limit"],
        ["/store/recommendations?surface=trending&limit=1&limit=2", "limit"],
        ["/store/recommendations?surface=trending&hydrate=maybe", "hydrate"],
        ["/store/recommendations?surface=trending&hydrate=false&fields=id", "fields"],
        ["/store/recommendations?surface=trending&colour=red", "colour"],
        ["/store/recommendations?surface=cart&cart_id=not%20an%20id", "cart_id"],
        ["/store/recommendations?surface=for_you&session_id=%3Cscript%3E", "session_id"],
        ["/store/recommendations?surface=trending&country_code=germany", "country_code"],
        ["/store/recommendations?surface=trending&region_id=reg_01UNKNOWN&fields=*variants.calculated_price", "reg_01UNKNOWN"],
        ["/store/products/PRODUCT/recommendations?surface=for_you", "surface"],
        ["/store/products/PRODUCT/recommendations?surface=related&limit=-1", "limit"],
        [`/store/products/PRODUCT/recommendations?session_id=${"s".repeat(201)}`, "session_id"],
        ["/store/products/PRODUCT/recommendations?limit=", "limit"],
        ["/store/products/not%20an%20id/recommendations", "not an id"],
      ])("GET %s answers 400 naming %s", async (url, named) => {
        const response = await get(url.replace("PRODUCT", ids.A))
        expect(response.status).toBe(400)
        expect(response.data.message).toContain(named)
      })
    })
  },
})
