/**
 * Admin auto-tune routes on the development store with Redis: the tune is a BullMQ job (this
 * suite's own key prefix, removed afterwards) run in the sandboxed training process by the
 * plugin's compiled entry (`npm run build` first), on a history written through the module's
 * service. The history's co-purchases cut across the product text (linen cushion is bought with
 * the ceramic mug, not the linen throw), so a merchant whose "also bought" ranks by text alone
 * is proposed a co-purchase weight, and accepting it changes what GET settings returns.
 */
import path from "path"
import { deleteQueueKeys } from "../fixtures/redis"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import { createAdminUser, eventually, rows, withUnreachableQueue } from "../fixtures/store"

jest.setTimeout(240_000)

const pluginRoot = path.resolve(__dirname, "../..")
const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const PREFIX = `recs-tune-test-${process.pid}-${Date.now().toString(36)}`
process.env.REDIS_URL = REDIS_URL
process.env.RECOMMENDATIONS_QUEUE_PREFIX = PREFIX
// The real entry from the build runs the tune.
delete process.env.RECOMMENDATIONS_TRAINING_ENTRY

const DAY = 86_400_000
const HISTORY_START = Date.parse("2026-03-01T09:00:00Z")

/** Pairs of similar text: A-B linen, C-D ceramic, E-F wool, G-H vase. */
const CATALOGUE = [
  { product_id: "prod_a", title: "Linen cushion", tag: "linen", category: "pcat_living" },
  { product_id: "prod_b", title: "Linen throw", tag: "linen", category: "pcat_living" },
  { product_id: "prod_c", title: "Ceramic mug", tag: "ceramic", category: "pcat_kitchen" },
  { product_id: "prod_d", title: "Ceramic mug rack", tag: "ceramic", category: "pcat_kitchen" },
  { product_id: "prod_e", title: "Wool blanket", tag: "wool", category: "pcat_living" },
  { product_id: "prod_f", title: "Wool scarf", tag: "wool", category: "pcat_wear" },
  { product_id: "prod_g", title: "Stone vase", tag: "vase", category: "pcat_decor" },
  { product_id: "prod_h", title: "Glass vase", tag: "vase", category: "pcat_decor" },
]

/** 240 orders, one a day, each a pair that text would never pair: A+C, B+D, E+G, F+H. */
function purchases(nOrders = 240) {
  const pairs = [
    ["prod_a", "prod_c"],
    ["prod_b", "prod_d"],
    ["prod_e", "prod_g"],
    ["prod_f", "prod_h"],
  ]
  return Array.from({ length: nOrders }, (_, i) =>
    pairs[i % 4].map((product_id) => ({
      type: "purchase" as const,
      product_id,
      order_id: `order_${i}`,
      customer_id: `cus_${i % 40}`,
      quantity: 1,
      occurred_at: new Date(HISTORY_START + i * DAY),
    }))
  ).flat()
}

afterAll(() => deleteQueueKeys(PREFIX))

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let service: RecommendationsModuleService
    let headers: { authorization: string }

    beforeEach(async () => {
      container = getContainer()
      service = container.resolve("recommendations")
      headers = (await createAdminUser(container)).headers
    })

    const get = (url: string, auth = headers) => api.get(url, { headers: auth, validateStatus: () => true })
    const post = (url: string, body: unknown = {}, auth = headers) => api.post(url, body, { headers: auth, validateStatus: () => true })

    async function seed(nOrders: number) {
      await service.createProductDocuments(
        CATALOGUE.map((p) => ({
          product_id: p.product_id,
          title: p.title,
          status: "published",
          tags: [{ id: `ptag_${p.tag}`, value: p.tag }],
          categories: [{ id: p.category, name: p.category }],
          created_at_source: new Date(HISTORY_START),
        }))
      )
      if (nOrders) await service.recordEvents(purchases(nOrders))
    }

    async function tuneToEnd() {
      const started = await post("/admin/recommendations/auto-tune")
      expect(started.status).toBe(202)
      expect(started.data.job_id).toMatch(/^tune-\d+$/)
      expect(started.data.deduplicated).toBe(false)
      const { id } = started.data.tune_run
      expect(id).toMatch(/^rectune_/)
      return await eventually(async () => {
        const { data } = await get(`/admin/recommendations/auto-tune/${id}`)
        if (data.tune_run.status === "failed") throw new Error(`tune failed: ${data.tune_run.error}`)
        return data.tune_run.status === "succeeded" ? data.tune_run : null
      }, 120_000)
    }

    it("refuses every route without an admin (401)", async () => {
      const none = {} as typeof headers
      expect((await post("/admin/recommendations/auto-tune", {}, none)).status).toBe(401)
      expect((await get("/admin/recommendations/auto-tune", none)).status).toBe(401)
      expect((await get("/admin/recommendations/auto-tune/rectune_1", none)).status).toBe(401)
      expect((await post("/admin/recommendations/auto-tune/rectune_1/accept", {}, none)).status).toBe(401)
      expect(await rows(container, "select id from recommendation_tune_run")).toEqual([])
    })

    it("proposes a co-purchase weight for a text-only 'also bought', shows both figures, and accepting applies it", async () => {
      expect((await get("/admin/recommendations/auto-tune")).data).toEqual({ tune_run: null })
      await seed(240)
      const textOnly = await post("/admin/recommendations/settings/also_bought", { weights: { cooccurrence: 0, content: 1, trending: 0 } })
      expect(textOnly.status).toBe(200)

      const run = await tuneToEnd()
      expect(run).toMatchObject({ progress: 1, stage: "done", error: null, accepted_at: null })
      const result = run.result
      expect(result).toMatchObject({ status: "proposed", k: 10, test_fraction: 0.1, orders: 240, train_orders: 216, test_orders: 24, changed: true })
      const ab = result.surfaces.also_bought
      expect(ab.changed).toBe(true)
      expect(ab.current.weights).toEqual({ cooccurrence: 0, content: 1, personal: 0, trending: 0 })
      expect(ab.proposed.weights.cooccurrence).toBeGreaterThan(0)
      expect(ab.proposed_figures.ndcg).toBeGreaterThan(ab.current_figures.ndcg)
      expect(ab.proposed_figures.cases).toBe(ab.current_figures.cases)
      expect(ab.current_figures.cases).toBeGreaterThan(0)
      expect(ab.current_figures.coverage).not.toBeNull()
      const fy = result.surfaces.for_you
      expect(fy.proposed_figures.ndcg).toBeGreaterThanOrEqual(fy.current_figures.ndcg)
      expect(fy.current_figures.coverage).toBeNull()
      expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(["read", "train", "search", "total"]))
      // A tune is not a training run: the training history stays as it was.
      expect(await rows(container, "select id from recommendation_training_run")).toEqual([])
      // The newest tune is what GET without an id returns.
      expect((await get("/admin/recommendations/auto-tune")).data.tune_run.id).toBe(run.id)

      // Settings changed after the tune ran: its figures compare with nothing live, so no accept.
      await post("/admin/recommendations/settings/also_bought", { weights: { content: 2 } })
      const stale = await post(`/admin/recommendations/auto-tune/${run.id}/accept`)
      expect(stale.status).toBe(409)
      expect(stale.data.message).toMatch(/also_bought settings changed since auto-tune .* ran/)
      await post("/admin/recommendations/settings/also_bought", { weights: { content: 1 } })

      const accepted = await post(`/admin/recommendations/auto-tune/${run.id}/accept`)
      expect(accepted.status).toBe(200)
      expect(accepted.data.tune_run.accepted_at).toEqual(expect.any(String))
      expect(accepted.data.settings.also_bought.weights).toEqual(ab.proposed.weights)

      const settings = (await get("/admin/recommendations/settings/also_bought")).data.settings
      expect(settings.weights).toEqual(ab.proposed.weights)
      expect(settings.diversity).toMatchObject({ lambda: ab.proposed.diversity.lambda, max_per_category: ab.proposed.diversity.max_per_category })
      // What the tune does not search stays the merchant's.
      expect(settings.fallbacks).toEqual(textOnly.data.settings.fallbacks)

      const again = await post(`/admin/recommendations/auto-tune/${run.id}/accept`)
      expect(again.status).toBe(409)
      expect(again.data.message).toMatch(/was already accepted at/)
    })

    it("gives a store with too little history a 'not enough history' result, which cannot be accepted", async () => {
      await seed(30)
      const run = await tuneToEnd()
      expect(run.result).toMatchObject({ status: "not_enough_history", orders: 30, min_orders: 100 })
      expect(run.result.reason).toMatch(/30 orders: auto-tune needs at least 100/)
      const accepted = await post(`/admin/recommendations/auto-tune/${run.id}/accept`)
      expect(accepted.status).toBe(409)
      expect(accepted.data.message).toMatch(/made no proposal: 30 orders/)
    })

    it("refuses to accept an unknown, unfinished or failed tune, naming why, and refuses a body", async () => {
      const missing = await post("/admin/recommendations/auto-tune/rectune_missing/accept")
      expect(missing.status).toBe(404)
      expect(missing.data.message).toMatch(/rectune_missing was not found/)
      expect((await get("/admin/recommendations/auto-tune/rectune_missing")).status).toBe(404)

      const running = await service.createTuneRuns({ status: "running", job_id: "tune-running" })
      const early = await post(`/admin/recommendations/auto-tune/${running.id}/accept`)
      expect(early.status).toBe(409)
      expect(early.data.message).toMatch(/is running: there is no proposal to accept yet/)

      const failed = await service.createTuneRuns({ status: "failed", job_id: "tune-failed", error: "out of memory" })
      const broken = await post(`/admin/recommendations/auto-tune/${failed.id}/accept`)
      expect(broken.status).toBe(409)
      expect(broken.data.message).toMatch(/failed \(out of memory\)/)

      const withBody = await post("/admin/recommendations/auto-tune", { rounds: 9 })
      expect(withBody.status).toBe(400)
      expect(withBody.data.message).toMatch(/rounds/)
    })

    it("answers 503 when the training queue cannot be reached, recording no tune", async () => {
      await withUnreachableQueue(container, {}, async () => {
        const response = await post("/admin/recommendations/auto-tune")
        expect(response.status).toBe(503)
        expect(response.data.message).toMatch(/^The training queue cannot be reached: /)
      })
      expect(await rows(container, "select id from recommendation_tune_run")).toEqual([])
    })
  },
})
