/**
 * The whole path on a real store: orders placed through Medusa's workflows become purchase
 * events, a training run in its own process writes a model version, and the storefront route
 * answers from it, co-purchased product first with its reason. Then a training process killed
 * mid-run: the run records the kill, and the version before it keeps serving.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "fs"
import path from "path"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createOrder, createProducts, createStore, emitOrderPlaced, eventually, type StoreFixture } from "../fixtures/store"

jest.setTimeout(180_000)

// The real training, through an entry that can hold a run after it has read the store's data.
const heldEntry = path.resolve(__dirname, "../fixtures/training-entry-held.js")
process.env.RECOMMENDATIONS_TRAINING_ENTRY = heldEntry
const holdFile: string = require(heldEntry).holdFile(process.pid)
const heldFile = `${holdFile}.held`
const releaseHold = () => [holdFile, heldFile].forEach((file) => rmSync(file, { force: true }))

medusaIntegrationTestRunner({
  medusaConfigFile: path.resolve(__dirname, "../../dev-store"),
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let service: any
    const ids: Record<string, string> = {}
    const variant: Record<string, string> = {}

    async function placeOrders(baskets: string[][]) {
      const container = getContainer()
      const handled = TestEventUtils.waitSubscribersExecution("order.placed", container.resolve(Modules.EVENT_BUS) as never, {
        triggerCount: baskets.length,
        timeout: 60_000,
      })
      const orderIds: string[] = []
      for (const basket of baskets) {
        orderIds.push(await createOrder(container, store, basket.map((key) => ({ variant_id: variant[key], quantity: 1 }))))
      }
      await emitOrderPlaced(container, orderIds)
      await handled
    }

    async function trainNow() {
      const { jobId } = await service.requestTraining("manual")
      return await eventually(async () => {
        const [run] = await service.listTrainingRuns({ job_id: jobId })
        return run && ["succeeded", "failed"].includes(run.status) ? run : null
      }, 60_000)
    }

    const alsoBought = (key: string) =>
      api.get(`/store/products/${ids[key]}/recommendations?surface=also_bought&limit=3`, { headers: store.storeHeaders })

    afterAll(releaseHold)

    beforeAll(async () => {
      const container = getContainer()
      service = container.resolve("recommendations")
      store = await createStore(container)
      const keys = ["mug", "saucer", "teapot", "candle", "lamp"]
      const products = await createProducts(container, store, ["Stoneware mug", "Stoneware saucer", "Glass teapot", "Beeswax candle", "Desk lamp"])
      products.forEach((p, i) => {
        ids[keys[i]] = p.id
        variant[keys[i]] = p.variantIds[0]
      })
    })

    // The mug goes with the saucer in 6 orders, with the teapot in 2; candles and lamps sell alone.
    const HISTORY = [
      ...Array.from({ length: 6 }, () => ["mug", "saucer"]),
      ["mug", "teapot"],
      ["mug", "teapot"],
      ...Array.from({ length: 5 }, () => ["candle"]),
      ["lamp"],
    ]

    // Each test starts from the database as beforeAll left it (the runner restores it).
    it("turns placed orders into a trained model whose route puts the co-purchased product first, with its reason", async () => {
      await placeOrders(HISTORY)
      const purchases = await service.listInteractionEvents({ type: "purchase" })
      expect(purchases).toHaveLength(6 * 2 + 2 * 2 + 5 + 1)

      // The manual request runs at once the run the new products had queued (trigger "catalog").
      const run = await trainNow()
      expect(run).toMatchObject({ status: "succeeded", counts: expect.objectContaining({ orders: 14 }) })

      const response = await eventually(async () => {
        const r = await alsoBought("mug")
        return r.data.products[0]?.id === ids.saucer ? r : null
      })
      const [first, second] = response.data.products
      expect(first.title).toBe("Stoneware saucer")
      expect(first.recommendation.reason).toMatch(/Stoneware mug in 6 orders/)
      expect(first.recommendation.sources.cooccurrence).toBeGreaterThan(0)
      expect([first, second].map((p: { id: string }) => p.id)).not.toContain(ids.mug)
      expect(response.data.recommendation_id).toMatch(/^recl_/)
    })

    it("keeps serving the previous version when a training process is killed mid-run, and records why", async () => {
      await placeOrders(HISTORY)
      expect(await trainNow()).toMatchObject({ status: "succeeded" })
      const before = await eventually(async () => {
        const r = await alsoBought("mug")
        return r.data.products[0]?.id === ids.saucer ? r : null
      })
      const currentVersion = async () => (await service.listModelVersions({})).find((v: { is_current: boolean }) => v.is_current)
      const current = await currentVersion()
      expect(current).toBeDefined()
      // New evidence that would change the list: the lamp bought with the mug, often.
      await placeOrders(Array.from({ length: 12 }, () => ["mug", "lamp"]))

      // Killed mid-run: held after reading, before any model is written.
      writeFileSync(holdFile, "")
      const { jobId } = await service.requestTraining("manual")
      const pid = await eventually(async () => (existsSync(heldFile) ? Number(readFileSync(heldFile, "utf8")) : 0))
      releaseHold()
      process.kill(pid, "SIGKILL")

      const run = await eventually(async () => {
        const [r] = await service.listTrainingRuns({ job_id: jobId })
        return r?.error ? r : null
      })
      // Killed: failed, or queued again with the error while its retry waits.
      expect(["failed", "queued"]).toContain(run.status)
      expect(run.error).toMatch(/SIGKILL|exit/i)
      expect((await currentVersion()).id).toBe(current.id)
      const after = await alsoBought("mug")
      expect(after.status).toBe(200)
      expect(after.data.products.map((p: { id: string }) => p.id)).toEqual(before.data.products.map((p: { id: string }) => p.id))
    })
  },
})
