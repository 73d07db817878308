/**
 * Admin training routes on the development store with Redis: the training queue is BullMQ
 * (queue "recommendations" under this suite's own key prefix, removed afterwards), trainings run
 * in BullMQ's sandboxed process with a fixture entry that records its run as the real one does.
 */
import path from "path"
import IORedis from "ioredis"
import { deleteQueueKeys } from "../fixtures/redis"
import { Queue } from "bullmq"
import { redisOptionsFromUrl } from "../../src/queue"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import { Modules } from "@medusajs/framework/utils"
import {
  createAdminUser,
  createOrder,
  createProducts,
  createStore,
  emitOrderPlaced,
  eventually,
  rows,
  withUnreachableQueue,
} from "../fixtures/store"

jest.setTimeout(180_000)

const pluginRoot = path.resolve(__dirname, "../..")
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const PREFIX = `recs-admin-test-${process.pid}-${Date.now().toString(36)}`
process.env.REDIS_URL = REDIS_URL
process.env.RECOMMENDATIONS_QUEUE_PREFIX = PREFIX
process.env.RECOMMENDATIONS_TRAINING_ENTRY = path.join(pluginRoot, "test/fixtures/training-entry-runs.js")

afterAll(() => deleteQueueKeys(PREFIX))

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let headers: { authorization: string }

    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const get = (url: string, auth = headers) => api.get(url, { headers: auth, validateStatus: () => true })
    const post = (url: string, body: unknown = {}, auth = headers) =>
      api.post(url, body, { headers: auth, validateStatus: () => true })

    it("refuses every route without an admin (401)", async () => {
      const none = {} as typeof headers
      expect((await post("/admin/recommendations/train", {}, none)).status).toBe(401)
      expect((await get("/admin/recommendations/training-runs", none)).status).toBe(401)
      expect((await get("/admin/recommendations/training-runs/recrun_1", none)).status).toBe(401)
      expect((await post("/admin/recommendations/import-history", {}, none)).status).toBe(401)
      expect((await post("/admin/recommendations/train", {}, { authorization: "Bearer not-a-token" })).status).toBe(401)
      expect(await rows(container, "select id from recommendation_training_run")).toEqual([])
    })

    it("trains on demand on BullMQ: a job id and its run, queued, then run in the sandbox to success", async () => {
      const response = await post("/admin/recommendations/train")
      expect(response.status).toBe(202)
      const { job_id, deduplicated, training_run } = response.data
      expect(job_id).toMatch(/^train-\d+$/)
      expect(deduplicated).toBe(false)
      // The run is recorded before the answer; its training may already have started.
      expect(training_run).toMatchObject({ job_id, trigger: "manual", status: expect.stringMatching(/queued|running|succeeded/) })

      const list = await get("/admin/recommendations/training-runs")
      expect(list.status).toBe(200)
      expect(list.data).toMatchObject({ count: 1, offset: 0, limit: 20 })
      expect(list.data.training_runs).toEqual([expect.objectContaining({ id: training_run.id, job_id })])

      const done = await eventually(async () => {
        const { data } = await get(`/admin/recommendations/training-runs/${training_run.id}`)
        return data.training_run.status === "succeeded" ? data.training_run : null
      }, 60_000)
      expect(done).toMatchObject({ job_id, attempt: 1, progress: 1, stage: "done", model_version_id: "fixture_model", error: null })
    })

    it("answers 503 when the training queue cannot be reached, recording no run", async () => {
      await withUnreachableQueue(container, {}, async () => {
        const response = await post("/admin/recommendations/train")
        expect(response.status).toBe(503)
        expect(response.data.message).toMatch(/^The training queue cannot be reached: /)
        expect(await rows(container, "select id from recommendation_training_run")).toEqual([])
      })
    })

    it("lists runs newest first with limit and offset, one by id, and refuses bad parameters", async () => {
      const service = container.resolve<RecommendationsModuleService>("recommendations")
      const created = []
      for (const trigger of ["schedule", "order", "catalog"] as const) {
        created.push(await service.createTrainingRuns({ trigger, status: "succeeded" }))
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      const first = await get("/admin/recommendations/training-runs?limit=2")
      expect(first.data.count).toBe(3)
      expect(first.data.training_runs.map((r: { trigger: string }) => r.trigger)).toEqual(["catalog", "order"])
      const rest = await get("/admin/recommendations/training-runs?limit=2&offset=2")
      expect(rest.data.training_runs.map((r: { trigger: string }) => r.trigger)).toEqual(["schedule"])
      const filtered = await get("/admin/recommendations/training-runs?trigger=order")
      expect(filtered.data.training_runs.map((r: { id: string }) => r.id)).toEqual([created[1].id])

      const one = await get(`/admin/recommendations/training-runs/${created[0].id}`)
      expect(one.status).toBe(200)
      expect(one.data.training_run).toMatchObject({ id: created[0].id, trigger: "schedule", status: "succeeded" })

      const missing = await get("/admin/recommendations/training-runs/recrun_missing")
      expect(missing.status).toBe(404)
      expect(missing.data.message).toMatch(/recrun_missing was not found/)
      for (const [query, message] of [
        ["limit=0", /limit/],
        ["limit=101", /limit/],
        ["offset=-1", /offset/],
        ["status=stuck", /status/],
        ["colour=red", /colour/],
      ] as const) {
        const response = await get(`/admin/recommendations/training-runs?${query}`)
        expect([query, response.status]).toEqual([query, 400])
        expect(response.data.message).toMatch(message)
      }
      expect((await post("/admin/recommendations/train", { now: true })).status).toBe(400)
    })

    it("imports the history from the admin route, refusing a bad page size", async () => {
      const store = await createStore(container)
      const [globe, atlas] = await createProducts(container, store, ["Globe", "Atlas"])
      await createOrder(container, store, [
        { variant_id: globe.variantIds[0], quantity: 1 },
        { variant_id: atlas.variantIds[0], quantity: 1 },
      ])
      const bad = await post("/admin/recommendations/import-history", { page_size: 0 })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/page_size/)

      const response = await post("/admin/recommendations/import-history", { page_size: 1 })
      expect(response.status).toBe(200)
      expect(response.data).toEqual({
        products: 2,
        orders: 1,
        recorded: 2,
        training: { job_id: expect.stringMatching(/^train-\d+$/), deduplicated: expect.any(Boolean) },
      })
      expect((await post("/admin/recommendations/import-history", {})).data.recorded).toBe(0)
      // The trainings the imports asked for run now (the fixture's): they finish within the test.
      await eventually(async () => {
        const runs = await rows<{ status: string }>(container, "select status from recommendation_training_run")
        return runs.length > 0 && runs.every((run) => run.status === "succeeded")
      }, 60_000)
    })

    it("turns a burst of 100 placed orders into one BullMQ job and one run", async () => {
      // The earlier tests' runs (the import's, brought forward) have finished: none is pending.
      const queue = new Queue("recommendations", { connection: redisOptionsFromUrl(REDIS_URL), prefix: PREFIX })
      try {
        await eventually(async () => {
          const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized")
          return Object.values(counts).every((n) => n === 0)
        }, 60_000)
      } finally {
        await queue.close()
      }
      const store = await createStore(container)
      const products = await createProducts(container, store, ["Kite", "Yo-yo", "Top"])
      const orderIds: string[] = []
      for (let i = 0; i < 100; i++) {
        orderIds.push(await createOrder(container, store, [{ variant_id: products[i % 3].variantIds[0], quantity: 1 }]))
      }
      const eventBus = container.resolve(Modules.EVENT_BUS)
      const all = TestEventUtils.waitSubscribersExecution("order.placed", eventBus as never, { triggerCount: 100, timeout: 120_000 })
      await emitOrderPlaced(container, orderIds)
      await all

      expect(await rows(container, "select id from recommendation_interaction_event where type = 'purchase'")).toHaveLength(100)
      // The products' catalogue change asked first (same throttle): every order joined its run.
      const runs = await rows<{ job_id: string; trigger: string; status: string }>(
        container,
        "select job_id, trigger, status from recommendation_training_run"
      )
      expect(runs).toEqual([{ job_id: expect.stringMatching(/^train-\d+$/), trigger: "catalog", status: "queued" }])
      const redis = new IORedis(REDIS_URL)
      try {
        const delayed = await redis.zrange(`${PREFIX}:recommendations:delayed`, 0, -1)
        expect(delayed).toEqual([runs[0].job_id])
      } finally {
        await redis.quit()
      }
    })
  },
})
