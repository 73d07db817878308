/**
 * Signals from Medusa into the plugin, on the development store without Redis (the in-process
 * training queue): orders placed, products changed, customers deleted, the history import.
 * Orders and products are made with Medusa's own workflows; order.placed is emitted as
 * completeCartWorkflow emits it.
 */
import path from "path"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, createMedusaContainer, Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  createProductCategoriesWorkflow,
  createSalesChannelsWorkflow,
  deleteCustomersWorkflow,
  deleteProductsWorkflow,
  linkProductsToSalesChannelWorkflow,
  updateProductCategoriesWorkflow,
  updateProductsWorkflow,
} from "@medusajs/core-flows"
import { logger } from "@medusajs/framework/logger"
import { IN_PROCESS_WARNING, type TrainingJobEvent } from "../../src/queue"
import trainingQueueLoader, {
  TRAINING_QUEUE_HOST,
  TrainingQueueHost,
} from "../../src/modules/recommendations/loaders/training-queue"
import { recordQueuedRun } from "../../src/modules/recommendations/utils/training-runs"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import {
  createOrder,
  createProducts,
  createStore,
  emitOrderPlaced,
  eventually,
  rows,
  withUnreachableQueue,
  type StoreFixture,
} from "../fixtures/store"

jest.setTimeout(180_000)

const pluginRoot = path.resolve(__dirname, "../..")
delete process.env.REDIS_URL
// Every training process of this suite dies mid-run.
const CRASHING_ENTRY = path.join(pluginRoot, "test/fixtures/training-entry-crash.js")
process.env.RECOMMENDATIONS_TRAINING_ENTRY = CRASHING_ENTRY

const warn = jest.spyOn(logger, "warn")

type Purchase = { order_id: string; product_id: string; variant_id: string; quantity: number; customer_id: string | null }
type Run = { job_id: string; trigger: string; status: string; error: string | null }

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer
    let service: RecommendationsModuleService
    let store: StoreFixture

    beforeEach(async () => {
      container = getContainer()
      service = container.resolve("recommendations")
      store = await createStore(container)
    })

    /** Waits for `count` deliveries of an event to be handled by the subscribers. */
    const handled = (event: string, count = 1) =>
      TestEventUtils.waitSubscribersExecution(event, container.resolve(Modules.EVENT_BUS) as never, {
        triggerCount: count,
        timeout: 60_000,
      })

    const purchases = () =>
      rows<Purchase>(
        container,
        "select order_id, product_id, variant_id, quantity, customer_id from recommendation_interaction_event where type = 'purchase' order by order_id, product_id"
      )
    const runs = () => rows<Run>(container, "select job_id, trigger, status, error from recommendation_training_run order by created_at")

    /** A new in-process queue (the previous test's pending run lives in memory, its row does not). */
    const freshQueue = async () => {
      await service.__hooks.onApplicationShutdown()
      await service.__hooks.onApplicationStart()
    }

    /** A queue host as the module's loader makes it, for a given worker mode and entry, started. */
    const startedHost = async (worker_mode: "server" | "shared" | "worker", trainingEntry = CRASHING_ENTRY) => {
      const local = createMedusaContainer()
      for (const key of [ContainerRegistrationKeys.CONFIG_MODULE, ContainerRegistrationKeys.LOGGER, ContainerRegistrationKeys.PG_CONNECTION]) {
        local.register(key, asValue(container.resolve(key)))
      }
      await trainingQueueLoader({ container: local, options: { trainingEntry } }, { worker_mode } as never)
      const host = local.resolve<TrainingQueueHost>(TRAINING_QUEUE_HOST)
      await host.start()
      return host
    }

    it("falls back to the in-process queue without Redis, warning once", async () => {
      expect(warn.mock.calls.filter(([message]) => message === IN_PROCESS_WARNING)).toHaveLength(1)
      await Promise.all(Array.from({ length: 20 }, () => service.requestTraining("order")))
      expect(warn.mock.calls.filter(([message]) => message === IN_PROCESS_WARNING)).toHaveLength(1)
    })

    it("records one purchase per product of a placed order, and nothing when order.placed comes again", async () => {
      const [mug, tee] = await createProducts(container, store, ["Mug", "Tee"], 2)
      const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: "buyer@example.com" })
      const orderId = await createOrder(
        container,
        store,
        [
          { variant_id: mug.variantIds[0], quantity: 1 },
          { variant_id: mug.variantIds[1], quantity: 2 },
          { variant_id: tee.variantIds[0], quantity: 1 },
        ],
        customer
      )
      expect(await purchases()).toEqual([])

      const first = handled("order.placed")
      await emitOrderPlaced(container, [orderId])
      await first
      const recorded = await purchases()
      expect(recorded).toEqual(
        [
          { order_id: orderId, product_id: mug.id, variant_id: mug.variantIds[0], quantity: 3, customer_id: customer.id },
          { order_id: orderId, product_id: tee.id, variant_id: tee.variantIds[0], quantity: 1, customer_id: customer.id },
        ].sort((a, b) => a.product_id.localeCompare(b.product_id))
      )

      const again = handled("order.placed")
      await emitOrderPlaced(container, [orderId])
      await again
      expect(await purchases()).toEqual(recorded)
      // Nor does it ask for a training.
      const { recordOrderPurchasesWorkflow } = await import("../../src/workflows/record-order-purchases")
      const { result } = await recordOrderPurchasesWorkflow(container).run({ input: { order_id: orderId } })
      expect(result).toEqual({ recorded: 0 })
    })

    it("forgets a canceled order's purchases, another order's kept, and asks for a training", async () => {
      const [lamp, shade] = await createProducts(container, store, ["Lamp", "Shade"])
      const kept = await createOrder(container, store, [{ variant_id: lamp.variantIds[0], quantity: 1 }])
      const canceled = await createOrder(container, store, [
        { variant_id: lamp.variantIds[0], quantity: 1 },
        { variant_id: shade.variantIds[0], quantity: 1 },
      ])
      const placed = handled("order.placed", 2)
      await emitOrderPlaced(container, [kept, canceled])
      await placed
      expect((await purchases()).map((p) => p.order_id).sort()).toEqual([canceled, canceled, kept].sort())
      await freshQueue()
      const runsBefore = (await runs()).length

      const forgotten = handled("order.canceled")
      await cancelOrderWorkflow(container).run({ input: { order_id: canceled } })
      await forgotten
      expect((await purchases()).map((p) => [p.order_id, p.product_id])).toEqual([[kept, lamp.id]])
      const queued = (await runs()).slice(runsBefore)
      expect(queued.map((r) => r.trigger)).toEqual(["order"])
      await expect(service.forgetOrderPurchases("")).rejects.toThrow("order_id is required")
    })

    it("turns a burst of 100 placed orders into one queued training run", async () => {
      const products = await createProducts(container, store, ["Plate", "Bowl", "Cup", "Jug"])
      const orderIds: string[] = []
      for (let i = 0; i < 100; i++) {
        const [a, b] = [products[i % 4], products[(i + 1) % 4]]
        orderIds.push(
          await createOrder(container, store, [
            { variant_id: a.variantIds[0], quantity: 1 },
            { variant_id: b.variantIds[0], quantity: 1 },
          ])
        )
      }
      await freshQueue()
      const all = handled("order.placed", 100)
      await emitOrderPlaced(container, orderIds)
      await all

      expect(await purchases()).toHaveLength(200)
      const queued = await runs()
      expect(queued).toEqual([{ job_id: expect.stringMatching(/^train-\d+$/), trigger: "order", status: "queued", error: null }])
      // The run is still pending (throttled for 5 minutes): the next order joins it.
      expect(await service.requestTraining("order")).toEqual({ jobId: queued[0].job_id, deduplicated: true })
      expect(await runs()).toHaveLength(1)
    })

    it("records the error of a training whose process is killed; the run waits for its retry", async () => {
      await freshQueue()
      const { jobId } = await service.requestTraining("manual")
      const run = await eventually(async () => {
        const [row] = await rows<Run>(container, "select job_id, trigger, status, error from recommendation_training_run where job_id = ?", [jobId])
        return row?.error ? row : null
      })
      expect(run).toEqual({ job_id: jobId, trigger: "manual", status: "queued", error: expect.stringMatching(/SIGKILL/) })
    })

    it("trains only where the worker mode allows: a server-mode instance enqueues, a shared one runs", async () => {
      const server = await startedHost("server")
      const serverStarts: TrainingJobEvent[] = []
      server.get().onStarted((event) => void serverStarts.push(event))
      await server.get().requestTraining("manual")
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(serverStarts).toEqual([])
      await server.close()

      const shared = await startedHost("shared")
      const started = new Promise<TrainingJobEvent>((resolve) => shared.get().onStarted(resolve))
      const { jobId } = await shared.get().requestTraining("manual")
      expect(await started).toMatchObject({ jobId, trigger: "manual", attempt: 1 })
      await shared.close()
    })

    it("marks a run failed when shutdown kills its training, before the connection closes", async () => {
      const host = await startedHost("worker", path.join(pluginRoot, "test/fixtures/training-entry-hang.js"))
      const training = new Promise((resolve) => host.get().onProgress(resolve))
      const { jobId } = await host.get().requestTraining("manual")
      await recordQueuedRun(container.resolve(ContainerRegistrationKeys.PG_CONNECTION), jobId, "manual")
      await training
      await host.close()
      expect(await rows(container, "select status, error from recommendation_training_run where job_id = ?", [jobId])).toEqual([
        { status: "failed", error: expect.stringMatching(/SIGKILL/) },
      ])
    })

    it("stores a placed order's purchases when the training queue is unreachable, and logs why no run was queued", async () => {
      const [globe] = await createProducts(container, store, ["Globe"])
      const orderId = await createOrder(container, store, [{ variant_id: globe.variantIds[0], quantity: 1 }])
      await withUnreachableQueue(container, { trainingEntry: CRASHING_ENTRY }, async () => {
        const placed = handled("order.placed")
        await emitOrderPlaced(container, [orderId])
        await placed
        expect(await purchases()).toEqual([expect.objectContaining({ order_id: orderId, product_id: globe.id })])
        expect(await runs()).toEqual([])
        expect(warn.mock.calls.some(([message]) => /"order" training could not be queued/.test(String(message)))).toBe(true)
      })
    })

    it("keeps product documents in step: created, updated, unpublished, deleted", async () => {
      const [lamp] = await createProducts(container, store, ["Desk lamp"])
      const documents = () =>
        rows<Record<string, unknown>>(
          container,
          "select product_id, title, description, status, sales_channel_ids, tags, price, deleted_at from recommendation_product_document"
        )
      expect(await documents()).toEqual([
        {
          product_id: lamp.id,
          title: "Desk lamp",
          description: "Desk lamp for the test store",
          status: "published",
          sales_channel_ids: [store.salesChannelId],
          tags: [],
          // The lowest variant price in the store's default currency, for price-band rules.
          price: 10,
          deleted_at: null,
        },
      ])

      const updated = handled("product.updated")
      await updateProductsWorkflow(container).run({
        input: { selector: { id: lamp.id }, update: { title: "Reading lamp", status: "draft", tags: [] } },
      })
      await updated
      expect(await documents()).toEqual([expect.objectContaining({ title: "Reading lamp", status: "draft", deleted_at: null })])

      const deleted = handled("product.deleted")
      await deleteProductsWorkflow(container).run({ input: { ids: [lamp.id] } })
      await deleted
      const [document] = await documents()
      expect(document.deleted_at).not.toBeNull()
      expect(await service.listProductDocuments({ product_id: lamp.id })).toEqual([])
    })

    it("refreshes every document nightly: a new sales channel and a renamed category reach them", async () => {
      const [lamp] = await createProducts(container, store, ["Floor lamp"])
      const { result: categories } = await createProductCategoriesWorkflow(container).run({
        input: { product_categories: [{ name: "Lighting", is_active: true }] },
      })
      const updated = handled("product.updated")
      await updateProductsWorkflow(container).run({
        input: { selector: { id: lamp.id }, update: { category_ids: [categories[0].id] } },
      })
      await updated
      const document = async () =>
        (await rows<{ categories: unknown; sales_channel_ids: string[] }>(
          container,
          "select categories, sales_channel_ids from recommendation_product_document where product_id = ?",
          [lamp.id]
        ))[0]
      expect(await document()).toEqual({
        categories: [{ id: categories[0].id, name: "Lighting" }],
        sales_channel_ids: [store.salesChannelId],
      })

      // Neither change emits a product event.
      await updateProductCategoriesWorkflow(container).run({
        input: { selector: { id: categories[0].id }, update: { name: "Lamps" } },
      })
      const { result: channels } = await createSalesChannelsWorkflow(container).run({
        input: { salesChannelsData: [{ name: "Wholesale" }] },
      })
      await linkProductsToSalesChannelWorkflow(container).run({ input: { id: channels[0].id, add: [lamp.id] } })
      expect((await document()).sales_channel_ids).toEqual([store.salesChannelId])

      const job = (await import("../../src/jobs/refresh-recommendations-catalog")).default
      // The test stores have no nightly work (schedule false, test/integration/setup.js).
      await job(container)
      expect((await document()).categories).toEqual([{ id: categories[0].id, name: "Lighting" }])
      const options = service.pluginOptions
      const schedule = options.schedule
      options.schedule = undefined
      try {
        await job(container)
      } finally {
        options.schedule = schedule
      }
      const refreshed = await document()
      expect(refreshed.categories).toEqual([{ id: categories[0].id, name: "Lamps" }])
      expect([...refreshed.sales_channel_ids].sort()).toEqual([store.salesChannelId, channels[0].id].sort())
    })

    it("erases a deleted customer's events", async () => {
      const [vase] = await createProducts(container, store, ["Vase"])
      const customers = await container
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "gone@example.com" }, { email: "stays@example.com" }])
      await service.recordEvents([
        { type: "view", product_id: vase.id, customer_id: customers[0].id },
        { type: "purchase", product_id: vase.id, customer_id: customers[0].id, order_id: "order_gone" },
        { type: "view", product_id: vase.id, customer_id: customers[1].id },
      ])
      const deleted = handled("customer.deleted")
      await deleteCustomersWorkflow(container).run({ input: { ids: [customers[0].id] } })
      await deleted
      expect(await rows(container, "select customer_id from recommendation_interaction_event")).toEqual([
        { customer_id: customers[1].id },
      ])
    })

    it("imports past orders page by page, each line once, and adds nothing the second time", async () => {
      const products = await createProducts(container, store, ["Pen", "Ink", "Pad"])
      const orderIds: string[] = []
      for (let i = 0; i < 7; i++) {
        orderIds.push(
          await createOrder(container, store, [
            { variant_id: products[i % 3].variantIds[0], quantity: 1 },
            { variant_id: products[(i + 1) % 3].variantIds[0], quantity: 2 },
          ])
        )
      }
      // The catalogue as it was before the plugin: no documents yet.
      await rows(container, "delete from recommendation_product_document")
      await freshQueue()

      const { importHistoryWorkflow } = await import("../../src/workflows/import-history")
      const { result } = await importHistoryWorkflow(container).run({ input: { page_size: 2 } })
      expect(result).toEqual({
        products: 3,
        orders: 7,
        recorded: 14,
        training: { job_id: expect.any(String), deduplicated: false },
      })
      const recorded = await purchases()
      expect(recorded).toHaveLength(14)
      expect(new Set(recorded.map((p) => p.order_id))).toEqual(new Set(orderIds))
      expect(recorded.filter((p) => p.quantity === 2)).toHaveLength(7)
      expect(await rows(container, "select product_id from recommendation_product_document order by product_id")).toEqual(
        products.map((p) => ({ product_id: p.id })).sort((a, b) => a.product_id.localeCompare(b.product_id))
      )
      expect(await runs()).toEqual([expect.objectContaining({ trigger: "backfill", status: "queued" })])

      const second = await importHistoryWorkflow(container).run({ input: { page_size: 3 } })
      expect(second.result).toEqual(expect.objectContaining({ products: 3, orders: 7, recorded: 0 }))
      expect(await purchases()).toEqual(recorded)
    })

    it("imports the history once from the scheduled job when enabled, then only checks its marker", async () => {
      const [pen] = await createProducts(container, store, ["Quill"])
      await createOrder(container, store, [{ variant_id: pen.variantIds[0], quantity: 1 }])
      await freshQueue()
      const job = (await import("../../src/jobs/import-recommendations-history")).default
      // The test stores run with the import off (test/integration/setup.js).
      await job(container)
      expect(await purchases()).toEqual([])

      const options = service.pluginOptions
      options.importHistory = true
      try {
        expect(await service.hasImportedHistory()).toBe(false)
        await job(container)
        expect(await purchases()).toHaveLength(1)
        expect(await service.hasImportedHistory()).toBe(true)

        // A later order the import has not seen: the job no longer imports (order.placed covers it).
        await createOrder(container, store, [{ variant_id: pen.variantIds[0], quantity: 1 }])
        await job(container)
        expect(await purchases()).toHaveLength(1)
      } finally {
        options.importHistory = false
      }
    })
  },
})
