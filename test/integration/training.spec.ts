/**
 * The training process on a real store database: the dev store boots (its migrations make the
 * module's tables), the test writes a catalogue and a purchase history through the module's
 * service, then runs the training entry, directly and through the in-process queue (which runs
 * the compiled entry, .medusa/server/src/training/entry.js, in a training process of its own:
 * `npm run build` first). The runner restores an empty database before each test.
 */
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Neighbours } from "../../src/engine/types"
import type { LoadedModel, RecommendationsModuleService } from "../../src/modules/recommendations"
import { createTrainingQueue, type TrainingCompletedEvent, type TrainingProgress, type TrainingQueue } from "../../src/queue"
import { openTrainingDatabase } from "../../src/training/database"
import trainingEntry from "../../src/training/entry"
import { readTrainingData } from "../../src/training/read"
import { trainingEntryFile, type TrainingEntryArgs } from "../../src/training/types"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")
const DAY = 86_400_000
const HISTORY_START = Date.parse("2026-05-01T09:00:00Z")

/** Eight products in pairs of similar text; the co-purchase pairs cut across them. */
const CATALOGUE = [
  { product_id: "prod_a", title: "Linen cushion", tags: ["linen"], category: ["pcat_living", "Living room"] },
  { product_id: "prod_b", title: "Linen throw", tags: ["linen"], category: ["pcat_living", "Living room"] },
  { product_id: "prod_c", title: "Ceramic mug", tags: ["ceramic"], category: ["pcat_kitchen", "Kitchen"] },
  { product_id: "prod_d", title: "Ceramic mug rack", tags: ["ceramic"], category: ["pcat_kitchen", "Kitchen"] },
  { product_id: "prod_e", title: "Wool blanket", tags: ["wool"], category: ["pcat_living", "Living room"] },
  { product_id: "prod_f", title: "Wool scarf", tags: ["wool"], category: ["pcat_wear", "Wear"] },
  { product_id: "prod_g", title: "Stone vase", tags: ["vase"], category: ["pcat_decor", "Decor"] },
  { product_id: "prod_h", title: "Glass vase", tags: ["vase"], category: ["pcat_decor", "Decor"] },
]

/**
 * 150 orders, one a day: A is bought with C in 50 orders and with B in 25 (content would pair A
 * with B); B with D in 25; E and F with G or H in 50. Customer slots i % 30, but every fifth
 * order is a guest's, which empties six slots: 24 customers.
 */
function history() {
  const orders = Array.from({ length: 150 }, (_, i) => {
    const products =
      i % 3 === 0 ? ["prod_a", "prod_c"] : i % 6 === 1 ? ["prod_a", "prod_b"] : i % 6 === 4 ? ["prod_b", "prod_d"] : ["prod_e", "prod_f", i % 2 ? "prod_g" : "prod_h"]
    return { order_id: `order_${i}`, customer_id: i % 5 === 4 ? null : `cus_${i % 30}`, occurred_at: new Date(HISTORY_START + i * DAY), products }
  })
  const events = orders.flatMap((o) =>
    o.products.map((product_id) => ({ type: "purchase" as const, product_id, order_id: o.order_id, customer_id: o.customer_id, quantity: 1, occurred_at: o.occurred_at }))
  )
  return { orders, events }
}

function neighboursOf(loaded: LoadedModel, list: Neighbours, productId: string): string[] {
  const item = loaded.productIds.indexOf(productId)
  expect(item).toBeGreaterThanOrEqual(0)
  return Array.from(list.ids.subarray(list.offsets[item], list.offsets[item + 1]), (j) => loaded.productIds[j])
}

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ getContainer, dbConnection }) => {
    let service: RecommendationsModuleService
    let args: TrainingEntryArgs
    let jobs = 0

    beforeEach(() => {
      service = getContainer().resolve("recommendations")
      const { projectConfig } = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      args = {
        databaseUrl: projectConfig.databaseUrl!,
        databaseSchema: projectConfig.databaseSchema,
        databaseDriverOptions: projectConfig.databaseDriverOptions as Record<string, unknown> | undefined,
      }
    })

    /** A context like the training process's, collecting what the run reports. */
    function fakeContext(entryArgs: unknown = args) {
      const progress: TrainingProgress[] = []
      const logs: string[] = []
      const context = {
        jobId: `${Date.now()}-${++jobs}`,
        trigger: "manual" as const,
        attempt: 1,
        args: entryArgs,
        progress: async (p: TrainingProgress) => void progress.push(p),
        log: async (message: string) => void logs.push(message),
      }
      return { context, progress, logs }
    }

    async function seedCatalogue() {
      await service.createProductDocuments(
        CATALOGUE.map((p) => ({
          product_id: p.product_id,
          title: p.title,
          status: "published",
          tags: p.tags.map((value) => ({ id: `ptag_${value}`, value })),
          categories: [{ id: p.category[0], name: p.category[1] }],
          created_at_source: new Date(HISTORY_START),
        }))
      )
    }

    async function runOf(jobId: string) {
      const [run] = await service.listTrainingRuns({ job_id: jobId })
      return run
    }

    async function currentVersion() {
      const current = await service.listModelVersions({ is_current: true })
      expect(current.length).toBeLessThanOrEqual(1)
      return current[0] ?? null
    }

    it("trains on the store's history: the run succeeds with timings, counts and evaluation, and its version is current", async () => {
      await seedCatalogue()
      // A deleted product is not trained on; a product only seen in events still gets an item.
      await service.createProductDocuments({ product_id: "prod_gone", title: "Retired lamp", status: "published", created_at_source: new Date() })
      const [gone] = await service.listProductDocuments({ product_id: "prod_gone" })
      await service.softDeleteProductDocuments(gone.id)
      const { orders, events } = history()
      await service.recordEvents(events)
      const views = [
        { type: "view" as const, product_id: "prod_g", session_id: "sess_1", occurred_at: new Date(HISTORY_START + 149 * DAY) },
        { type: "click" as const, product_id: "prod_new", session_id: "sess_1", occurred_at: new Date(HISTORY_START + 149 * DAY) },
        { type: "add_to_cart" as const, product_id: "prod_g", session_id: "sess_2", occurred_at: new Date(HISTORY_START + 149 * DAY) },
        // Impressions are not interest: not read.
        { type: "impression" as const, product_id: "prod_h", session_id: "sess_2", occurred_at: new Date(HISTORY_START + 149 * DAY) },
      ]
      await service.recordEvents(views)

      const { context, progress } = fakeContext()
      const result = await trainingEntry(context)

      const lines = events.length
      const counts = { orders: 150, lines, products: 9, customers: 24, events: 3, documents: 8 }
      expect(result).toEqual(
        expect.objectContaining({ runId: expect.stringMatching(/^recrun_/), modelVersionId: expect.stringMatching(/^recmv_/), counts, evaluation: "evaluated" })
      )
      expect(orders).toHaveLength(counts.orders)

      const run = await runOf(context.jobId)
      expect(run).toEqual(
        expect.objectContaining({ id: result.runId, status: "succeeded", trigger: "manual", attempt: 1, progress: 1, stage: "done", error: null, model_version_id: result.modelVersionId, counts })
      )
      for (const stage of ["read", "cooccurrence", "content", "trending", "calibration", "train", "evaluation", "write", "total"]) {
        expect(run.timings![stage]).toEqual(expect.any(Number))
        expect(run.timings![stage]).toBeGreaterThanOrEqual(0)
      }
      expect(run.timings!.total).toBeGreaterThanOrEqual(run.timings!.read + run.timings!.write)
      const evaluation = run.evaluation as Record<string, any>
      expect(evaluation).toEqual(expect.objectContaining({ status: "evaluated", k: 10, testFraction: 0.1, trainOrders: 135, testOrders: 15 }))
      for (const task of ["also_bought", "for_you"]) {
        const summary = evaluation.tasks[task]
        expect(summary.cases).toBeGreaterThan(0)
        for (const strategy of ["hybrid", "popularity"]) {
          expect(summary[strategy].ndcg).toBeGreaterThanOrEqual(0)
          expect(summary[strategy].ndcg).toBeLessThanOrEqual(1)
          expect(summary[strategy].hitRate).toBeGreaterThanOrEqual(0)
        }
        expect(summary.hybridBelowPopularity).toBe(summary.hybrid.ndcg < summary.popularity.ndcg)
      }
      expect(evaluation.tasks.also_bought.hybrid.coverage).toBeGreaterThan(0)

      // Progress: every stage, in order, never going back.
      const reported = progress as { stage: string; progress: number }[]
      expect([...new Set(reported.map((p) => p.stage))]).toEqual(["read", "train", "evaluate", "write"])
      reported.forEach((p, i) => i && expect(p.progress).toBeGreaterThanOrEqual(reported[i - 1].progress))

      const version = await currentVersion()
      expect(version).toEqual(expect.objectContaining({ id: result.modelVersionId, version: result.version, status: "ready", counts }))
      expect(new Date(version!.trained_until!).getTime()).toBe(HISTORY_START + 149 * DAY)

      const loaded = (await service.loadCurrentModel())!
      expect(loaded.id).toBe(result.modelVersionId)
      expect([...loaded.productIds].sort()).toEqual(["prod_a", "prod_b", "prod_c", "prod_d", "prod_e", "prod_f", "prod_g", "prod_h", "prod_new"])
      expect([...loaded.categoryIds].sort()).toEqual(["pcat_decor", "pcat_kitchen", "pcat_living", "pcat_wear"])
      // Co-purchase puts what A is most often bought with first; its content neighbour is B.
      expect(neighboursOf(loaded, loaded.model.cooccurrence, "prod_a")[0]).toBe("prod_c")
      expect(neighboursOf(loaded, loaded.model.content, "prod_a")[0]).toBe("prod_b")
      expect(loaded.model.orderCount[loaded.productIds.indexOf("prod_a")]).toBe(75)
      // The kitchen's trending list holds C and D, C first (50 + 25 orders against 25).
      const kitchen = loaded.categoryIds.indexOf("pcat_kitchen")
      const trendingKitchen = loaded.model.categoryTrending
      expect(Array.from(trendingKitchen.ids.subarray(trendingKitchen.offsets[kitchen], trendingKitchen.offsets[kitchen + 1]), (i) => loaded.productIds[i])).toEqual([
        "prod_c",
        "prod_d",
      ])
    })

    it("reads the same data whatever the page size, each order's lines together, oldest order first", async () => {
      await seedCatalogue()
      await service.updateProductDocuments({ selector: { product_id: "prod_a" }, data: { metadata: { material: "linen", care: ["wash", 30] } } })
      const { events } = history()
      // Recorded newest first: the read orders them by time.
      await service.recordEvents([...events].reverse())
      const knex = openTrainingDatabase(args)
      try {
        const whole = await readTrainingData(knex, { metadataKeys: ["material", "care"] })
        const fractions: number[] = []
        const paged = await readTrainingData(knex, { metadataKeys: ["material", "care"], pageRows: 3, onProgress: (f) => fractions.push(f) })
        expect(paged).toEqual(whole)
        // One report per page of 3 rows: documents, purchase lines, no views.
        expect(fractions).toHaveLength(Math.ceil(8 / 3) + Math.ceil(events.length / 3))
        expect(fractions[fractions.length - 1]).toBe(1)

        const { orders, productIds, documents } = whole
        const basket = (o: number) => Array.from(orders.items.subarray(orders.offsets[o], orders.offsets[o + 1]), (i) => productIds[i]).sort()
        expect(basket(0)).toEqual(["prod_a", "prod_c"])
        expect(basket(1)).toEqual(["prod_a", "prod_b"])
        expect(basket(2)).toEqual(["prod_e", "prod_f", "prod_h"])
        expect(orders.time[0]).toBe(HISTORY_START)
        expect(Array.from(orders.time).every((t, o) => o === 0 || t > orders.time[o - 1])).toBe(true)
        expect(Array.from(orders.customer.subarray(0, 5)).map((c) => c >= 0)).toEqual([true, true, true, true, false])
        expect(documents[productIds.indexOf("prod_a")]).toEqual({
          title: "Linen cushion",
          tags: ["linen"],
          categories: ["Living room"],
          metadata: { material: "linen", care: "wash 30" },
        })
        await expect(readTrainingData(knex, { metadataKeys: [], pageRows: 0 })).rejects.toThrow(/pageRows must be a positive integer/)

        // Only the newest views are read.
        const day = (d: number) => new Date(HISTORY_START + d * DAY)
        await service.recordEvents([
          { type: "view", product_id: "prod_old", session_id: "sess_1", occurred_at: day(1) },
          { type: "view", product_id: "prod_g", session_id: "sess_1", occurred_at: day(3) },
          { type: "click", product_id: "prod_h", session_id: "sess_1", occurred_at: day(2) },
        ])
        const newest = await readTrainingData(knex, { metadataKeys: [], maxViews: 2 })
        expect(Array.from(newest.views.items, (i) => newest.productIds[i])).toEqual(["prod_g", "prod_h"])
        expect(Array.from(newest.views.time)).toEqual([day(3).getTime(), day(2).getTime()])
        expect(newest.productIds).not.toContain("prod_old")
        expect(newest.counts.events).toBe(2)
      } finally {
        await knex.destroy()
      }
    })

    it("trains through the queue in its own process, making a new version current", async () => {
      await seedCatalogue()
      await service.recordEvents(history().events)
      const first = await trainingEntry(fakeContext().context)

      const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() }
      const queue: TrainingQueue = createTrainingQueue({
        worker: true,
        entry: trainingEntryFile(),
        entryArgs: args,
        logger,
        debounceMs: 0,
        schedule: false,
        attempts: 1,
      })
      try {
        expect(queue.kind).toBe("in-process")
        const progress: TrainingProgress[] = []
        queue.onProgress((e) => void progress.push(e.progress))
        const completed = new Promise<TrainingCompletedEvent>((resolve, reject) => {
          queue.onCompleted(resolve)
          queue.onFailed((e) => reject(new Error(e.error)))
        })
        const { jobId } = await queue.requestTraining("manual")
        const done = await completed
        expect(done.jobId).toBe(jobId)
        const result = done.result as { modelVersionId: string; version: number; runId: string }
        expect(result.version).toBeGreaterThan(first.version)
        expect(progress.map((p) => (p as { stage: string }).stage)).toEqual(expect.arrayContaining(["read", "train", "evaluate", "write"]))

        expect((await currentVersion())?.id).toBe(result.modelVersionId)
        const run = await runOf(jobId)
        expect(run).toEqual(expect.objectContaining({ id: result.runId, status: "succeeded", trigger: "manual", model_version_id: result.modelVersionId }))
        const loaded = (await service.loadCurrentModel())!
        expect(loaded.version).toBe(result.version)
        expect(neighboursOf(loaded, loaded.model.cooccurrence, "prod_a")[0]).toBe("prod_c")
      } finally {
        await queue.close()
      }
    })

    it("leaves the previous version current when a run fails, and records the run failed with its error", async () => {
      await seedCatalogue()
      await service.recordEvents(history().events)
      const previous = await trainingEntry(fakeContext().context)

      // The artifacts table refuses new rows: the run fails while writing its version.
      await dbConnection.raw("ALTER TABLE recommendation_model_artifact ADD CONSTRAINT refuse_new_artifacts CHECK (false) NOT VALID")
      const { context } = fakeContext()
      await expect(trainingEntry(context)).rejects.toThrow(/refuse_new_artifacts/)
      await dbConnection.raw("ALTER TABLE recommendation_model_artifact DROP CONSTRAINT refuse_new_artifacts")

      const run = await runOf(context.jobId)
      expect(run).toEqual(expect.objectContaining({ status: "failed", model_version_id: null, error: expect.stringMatching(/refuse_new_artifacts/) }))
      expect(run.finished_at).not.toBeNull()
      expect((await currentVersion())?.id).toBe(previous.modelVersionId)
      const versions = await service.listModelVersions({}, { order: { version: "ASC" } })
      expect(versions.map((v) => v.status)).toEqual(["ready", "failed"])
      const loaded = (await service.loadCurrentModel())!
      expect(loaded.id).toBe(previous.modelVersionId)
      expect(neighboursOf(loaded, loaded.model.cooccurrence, "prod_a")[0]).toBe("prod_c")
    })

    it("fails at once with the database's error when its database does not exist, and without one names the missing argument", async () => {
      await seedCatalogue()
      const missing = new URL(args.databaseUrl)
      missing.pathname = "/recommendations_training_missing_database"
      const started = Date.now()
      await expect(trainingEntry(fakeContext({ ...args, databaseUrl: missing.toString() }).context)).rejects.toThrow(/does not exist/)
      expect(Date.now() - started).toBeLessThan(10_000)
      await expect(trainingEntry(fakeContext({}).context)).rejects.toThrow(/entryArgs\.databaseUrl is missing/)
      expect(await service.listTrainingRuns({})).toEqual([])
      expect(await currentVersion()).toBeNull()
    })

    it("trains a catalogue without orders: content neighbours, the evaluation skipped with its reason", async () => {
      await seedCatalogue()
      await service.recordEvents([{ type: "view", product_id: "prod_g", session_id: "sess_1" }])
      const { context, logs } = fakeContext()
      const result = await trainingEntry(context)
      expect(result.counts).toEqual({ orders: 0, lines: 0, products: 8, customers: 0, events: 1, documents: 8 })

      const run = await runOf(context.jobId)
      expect(run.status).toBe("succeeded")
      expect(run.evaluation).toEqual({ status: "skipped", reason: "0 orders: the evaluation needs at least 100", orders: 0, minOrders: 100 })
      expect(logs).toContain("evaluation skipped: 0 orders: the evaluation needs at least 100")

      const loaded = (await service.loadCurrentModel())!
      expect(loaded.id).toBe(result.modelVersionId)
      expect(loaded.model.cooccurrence.ids).toHaveLength(0)
      // The closest text first; the cushion also shares its category with the blanket.
      expect(neighboursOf(loaded, loaded.model.content, "prod_a")).toEqual(["prod_b", "prod_e"])
      expect(neighboursOf(loaded, loaded.model.content, "prod_c")[0]).toBe("prod_d")
      expect(neighboursOf(loaded, loaded.model.content, "prod_g")[0]).toBe("prod_h")
    })

    it("records an empty store's run as succeeded with an empty model version", async () => {
      const { context } = fakeContext()
      const result = await trainingEntry(context)
      expect(result.counts).toEqual({ orders: 0, lines: 0, products: 0, customers: 0, events: 0, documents: 0 })
      expect((await runOf(context.jobId)).status).toBe("succeeded")
      const loaded = (await service.loadCurrentModel())!
      expect(loaded.id).toBe(result.modelVersionId)
      expect(loaded.model.nItems).toBe(0)
      expect(loaded.productIds).toEqual([])
      // Trained at the wall clock: nothing older to decay from.
      expect(Math.abs(loaded.trainedUntil!.getTime() - Date.now())).toBeLessThan(60_000)
    })
  },
})
