/**
 * POST /store/recommendations/events: storefront signals, validated, attributed to the logged-in
 * customer or the visitor's session, refused whole with a 400 naming the problem.
 */
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createProducts,
  createStore,
  loggedInCustomer,
  rows,
  type ProductFixture,
  type StoreFixture,
} from "../fixtures/store"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")
delete process.env.REDIS_URL

const ROUTE = "/store/recommendations/events"

type EventRow = {
  type: string
  product_id: string
  variant_id: string | null
  customer_id: string | null
  session_id: string | null
  sales_channel_id: string | null
  recommendation_id: string | null
  occurred_at: Date
  metadata: Record<string, unknown> | null
}

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let store: StoreFixture
    let chair: ProductFixture
    let table: ProductFixture

    beforeEach(async () => {
      container = getContainer()
      store = await createStore(container)
      ;[chair, table] = await createProducts(container, store, ["Chair", "Table"], 2)
    })

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      api.post(ROUTE, body, { headers: { ...store.storeHeaders, ...headers }, validateStatus: () => true })

    const events = () =>
      rows<EventRow>(
        container,
        "select type, product_id, variant_id, customer_id, session_id, sales_channel_id, recommendation_id, occurred_at, metadata from recommendation_interaction_event order by occurred_at, type"
      )

    it("records a visitor's batch under their session and the key's sales channel", async () => {
      const response = await post({
        session_id: "sess_visitor",
        events: [
          { type: "impression", product_id: chair.id, recommendation_id: "rec_list_1", occurred_at: "2026-01-01T10:00:00Z" },
          { type: "click", product_id: chair.id, recommendation_id: "rec_list_1", occurred_at: "2026-01-01T10:00:01Z" },
          { type: "view", product_id: chair.id, occurred_at: "2026-01-01T10:00:02Z", metadata: { page: "pdp" } },
          { type: "add_to_cart", product_id: chair.id, variant_id: chair.variantIds[1], occurred_at: "2026-01-01T10:00:03Z" },
        ],
      })
      expect(response.status).toBe(201)
      expect(response.data).toEqual({ recorded: 4 })
      const recorded = await events()
      expect(recorded.map((e) => [e.type, e.recommendation_id, e.variant_id])).toEqual([
        ["impression", "rec_list_1", null],
        ["click", "rec_list_1", null],
        ["view", null, null],
        ["add_to_cart", null, chair.variantIds[1]],
      ])
      for (const event of recorded) {
        expect(event).toMatchObject({
          product_id: chair.id,
          customer_id: null,
          session_id: "sess_visitor",
          sales_channel_id: store.salesChannelId,
        })
      }
      expect(recorded[2].metadata).toEqual({ page: "pdp" })
      expect(new Date(recorded[0].occurred_at).toISOString()).toBe("2026-01-01T10:00:00.000Z")
    })

    it("attributes a logged-in customer's events to the customer, with or without a session", async () => {
      const customer = await loggedInCustomer(container, api)
      const without = await post({ events: [{ type: "view", product_id: table.id }] }, customer.headers)
      expect(without.status).toBe(201)
      const withSession = await post(
        { session_id: "sess_before_login", events: [{ type: "view", product_id: chair.id }] },
        customer.headers
      )
      expect(withSession.status).toBe(201)
      const recorded = await rows<EventRow>(container, "select product_id, customer_id, session_id from recommendation_interaction_event order by product_id = ?", [chair.id])
      expect(recorded).toEqual([
        { product_id: table.id, customer_id: customer.id, session_id: null },
        { product_id: chair.id, customer_id: customer.id, session_id: "sess_before_login" },
      ])
    })

    it("refuses a request without a publishable key", async () => {
      const response = await api.post(
        ROUTE,
        { session_id: "s", events: [{ type: "view", product_id: chair.id }] },
        { validateStatus: () => true }
      )
      expect(response.status).toBe(400)
      expect(response.data.message).toMatch(/publishable API key required/i)
      expect(await events()).toEqual([])
    })

    const view = () => ({ type: "view", product_id: chair.id })
    const cases: [string, () => unknown, RegExp][] = [
      ["events missing", () => ({ session_id: "s" }), /events.*required/],
      ["events not an array", () => ({ session_id: "s", events: "view" }), /array.*events/],
      ["an empty batch", () => ({ session_id: "s", events: [] }), /events.*too small.*1/],
      ["101 events", () => ({ session_id: "s", events: Array.from({ length: 101 }, view) }), /events.*too big.*100/],
      ["an unknown type", () => ({ session_id: "s", events: [{ ...view(), type: "like" }] }), /events\[0\]\.type: Invalid option: expected one of "view"\|"click"\|"add_to_cart"\|"impression"/],
      ["a purchase from the storefront", () => ({ session_id: "s", events: [{ ...view(), type: "purchase" }] }), /events\[0\]\.type: Invalid option: expected one of "view"/],
      ["a bad second event", () => ({ session_id: "s", events: [view(), { ...view(), type: "share" }] }), /events\[1\]\.type: Invalid option/],
      ["no product_id", () => ({ session_id: "s", events: [{ type: "view" }] }), /events\[0\]\.product_id: Invalid input: expected string, received undefined/],
      ["a numeric product_id", () => ({ session_id: "s", events: [{ type: "view", product_id: 42 }] }), /events\[0\]\.product_id: Invalid input: expected string, received number/],
      ["an occurred_at that is not a date", () => ({ session_id: "s", events: [{ ...view(), occurred_at: "yesterday" }] }), /events\[0\]\.occurred_at: must be an ISO 8601 date-time/],
      ["an occurred_at in the future", () => ({ session_id: "s", events: [{ ...view(), occurred_at: "2999-01-01T00:00:00Z" }] }), /events\[0\]\.occurred_at: is in the future/],
      ["metadata that is not an object", () => ({ session_id: "s", events: [{ ...view(), metadata: "pdp" }] }), /events\[0\]\.metadata: Invalid input: expected record, received string/],
      ["oversized metadata", () => ({ session_id: "s", events: [{ ...view(), metadata: { blob: "x".repeat(3000) } }] }), /events\[0\]\.metadata: is larger than 2000 characters/],
      ["a storefront-supplied customer_id", () => ({ session_id: "s", events: [{ ...view(), customer_id: "cus_1" }] }), /events\[0\]: Unrecognized key: "customer_id"/],
      ["an unknown top-level field", () => ({ session_id: "s", events: [view()], channel: "web" }), /Unrecognized fields: 'channel'/],
      ["a numeric session_id", () => ({ session_id: 7, events: [view()] }), /string.*session_id/],
      ["no session_id and no customer", () => ({ events: [view()] }), /session_id is required when no customer is logged in/],
    ]

    it.each(cases)("answers 400 naming the problem: %s", async (_name, body, message) => {
      const response = await post(body())
      expect(response.status).toBe(400)
      expect(response.data.message).toMatch(message)
      expect(await events()).toEqual([])
    })

    it("answers 400 listing unknown products, and variants of another product, recording nothing", async () => {
      const unknown = await post({
        session_id: "s",
        events: [view(), { type: "view", product_id: "prod_missing_1" }, { type: "click", product_id: "prod_missing_2" }, { type: "view", product_id: "prod_missing_1" }],
      })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("Unknown product_id: prod_missing_1, prod_missing_2")

      const foreign = await post({
        session_id: "s",
        events: [{ type: "add_to_cart", product_id: chair.id, variant_id: table.variantIds[0] }],
      })
      expect(foreign.status).toBe(400)
      expect(foreign.data.message).toBe(`variant_id is not a variant of its event's product: ${table.variantIds[0]}`)
      expect(await events()).toEqual([])
    })

    it("answers 400 to a body that is not JSON", async () => {
      const response = await api.post(ROUTE, '{"session_id": "s", "events": [', {
        headers: { ...store.storeHeaders, "content-type": "application/json" },
        validateStatus: () => true,
      })
      expect(response.status).toBe(400)
      expect(await events()).toEqual([])
    })
  },
})
