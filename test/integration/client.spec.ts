/**
 * The storefront client (`medusa-plugin-recommendations/client`) against a booted store, through
 * `@medusajs/js-sdk` as a storefront holds it: the publishable key and the customer's token come
 * from the sdk, and the routes' refusals surface as the sdk's FetchError.
 */
import path from "path"
import Medusa, { FetchError } from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { recommendationsClient, type RecommendationsClient } from "../../src/client"
import { createProducts, createStore, eventually, rows, type ProductFixture, type StoreFixture } from "../fixtures/store"

jest.setTimeout(120_000)

delete process.env.REDIS_URL

medusaIntegrationTestRunner({
  medusaConfigFile: path.resolve(__dirname, "../../dev-store"),
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let store: StoreFixture
    let shirt: ProductFixture, buttons: ProductFixture, stays: ProductFixture
    let sdk: Medusa
    let client: RecommendationsClient

    beforeEach(async () => {
      container = getContainer()
      store = await createStore(container)
      ;[shirt, buttons, stays] = await createProducts(container, store, ["Linen shirt", "Shirt buttons", "Collar stays", "Wool socks"])
      // Node has no localStorage: the sdk keeps the customer's token in memory.
      sdk = new Medusa({
        baseUrl: api.defaults.baseURL!,
        publishableKey: store.storeHeaders["x-publishable-api-key"],
        auth: { jwtTokenStorageMethod: "memory" },
      })
      client = recommendationsClient(sdk)
    })

    const idsOf = (list: { products: { id: string }[] }) => list.products.map((p) => p.id)

    it("records a session's views, which recently_viewed lists at once, newest first, hydrated or as ids", async () => {
      await client.trackEvents(
        [
          { type: "view", product_id: shirt.id, occurred_at: new Date(Date.now() - 60_000).toISOString() },
          { type: "view", product_id: buttons.id, metadata: { page: "product" } },
        ],
        { session_id: "sess_client" }
      )
      const viewed = await eventually(async () => {
        const list = await client.listRecommendations({ surface: "recently_viewed", session_id: "sess_client", region_id: store.regionId })
        return list.products.length === 2 ? list : null
      })
      expect(idsOf(viewed)).toEqual([buttons.id, shirt.id])
      expect(viewed.surface).toBe("recently_viewed")
      expect(viewed.recommendation_id).toMatch(/^recl_/)
      expect(viewed.products[0]).toMatchObject({ title: "Shirt buttons", recommendation: { reason: "You viewed this recently" } })
      // Priced for the region, as /store/products prices.
      expect(viewed.products[0].variants![0].calculated_price).toMatchObject({ calculated_amount: 10, currency_code: "eur" })

      const refs = await client.listRecommendations({ surface: "recently_viewed", session_id: "sess_client", hydrate: false })
      expect(refs.products).toEqual([
        { id: buttons.id, recommendation: expect.objectContaining({ reason: "You viewed this recently" }) },
        { id: shirt.id, recommendation: expect.objectContaining({ reason: "You viewed this recently" }) },
      ])
      // Another session has its own history.
      expect((await client.listRecommendations({ surface: "recently_viewed", session_id: "sess_other" })).products).toEqual([])
    })

    it("records impressions and clicks with their list's recommendation_id and the key's sales channel", async () => {
      const list = await eventually(async () => {
        const l = await client.listRecommendations({ product_id: shirt.id, surface: "related", limit: 2 })
        return l.products.length === 2 ? l : null
      })
      expect(list.surface).toBe("related")
      expect(idsOf(list)).not.toContain(shirt.id)
      const [first, second] = list.products
      const response = await client.trackEvents(
        [
          { type: "impression", product_id: first.id, recommendation_id: list.recommendation_id },
          { type: "impression", product_id: second.id, recommendation_id: list.recommendation_id },
          { type: "click", product_id: second.id, recommendation_id: list.recommendation_id },
        ],
        { session_id: "sess_clicks" }
      )
      expect(response).toEqual({ recorded: 3 })
      const recorded = await rows(
        container,
        "select type, product_id, recommendation_id, session_id, sales_channel_id from recommendation_interaction_event order by type, product_id = ?",
        [second.id]
      )
      expect(recorded).toEqual([
        { type: "click", product_id: second.id, recommendation_id: list.recommendation_id, session_id: "sess_clicks", sales_channel_id: store.salesChannelId },
        ...[first, second].map((p) => ({
          type: "impression",
          product_id: p.id,
          recommendation_id: list.recommendation_id,
          session_id: "sess_clicks",
          sales_channel_id: store.salesChannelId,
        })),
      ])
    })

    it("sends the customer the sdk logged in: their events and lists need no session", async () => {
      const credentials = { email: "client@example.com", password: "client-password" }
      await sdk.auth.register("customer", "emailpass", credentials)
      await sdk.store.customer.create({ email: credentials.email })
      await sdk.auth.login("customer", "emailpass", credentials)
      const { customer } = await sdk.store.customer.retrieve()

      await client.trackEvents([{ type: "view", product_id: stays.id }])
      expect(await rows(container, "select customer_id, session_id from recommendation_interaction_event")).toEqual([
        { customer_id: customer.id, session_id: null },
      ])
      const viewed = await eventually(async () => {
        const list = await client.listRecommendations({ surface: "recently_viewed" })
        return list.products.length ? list : null
      })
      expect(idsOf(viewed)).toEqual([stays.id])

      await sdk.auth.logout()
      await expect(client.trackEvents([{ type: "view", product_id: stays.id }])).rejects.toMatchObject({
        status: 400,
        message: "session_id is required when no customer is logged in",
      })
    })

    it("throws the route's 400 or 404 as the sdk's FetchError", async () => {
      const refused = async (promise: Promise<unknown>) => {
        const error = await promise.then(
          () => null,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(FetchError)
        return { status: (error as FetchError).status, message: (error as FetchError).message }
      }
      expect(await refused(client.listRecommendations({ surface: "cart" }))).toEqual({
        status: 400,
        message: expect.stringContaining("cart_id is required for surface 'cart'"),
      })
      expect(await refused(client.listRecommendations({ surface: "trending", limit: 51 }))).toMatchObject({ status: 400, message: expect.stringMatching(/limit/) })
      expect(await refused(client.listRecommendations({ product_id: "prod_01MISSING" }))).toEqual({
        status: 404,
        message: "Product with id: prod_01MISSING was not found",
      })
      expect(await refused(client.trackEvents([{ type: "view", product_id: "prod_missing" }], { session_id: "s" }))).toEqual({
        status: 400,
        message: "Unknown product_id: prod_missing",
      })
    })
  },
})
