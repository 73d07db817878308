import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SURFACE_DEFAULTS } from "../../src/engine/params"
import type { Model } from "../../src/engine/types"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import { modelOf } from "../unit/engine/fixture"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")

const TABLES = [
  "recommendation_interaction_event",
  "recommendation_product_document",
  "recommendation_settings",
  "recommendation_rule",
  "recommendation_model_version",
  "recommendation_model_artifact",
  "recommendation_training_run",
  "recommendation_tune_run",
]

const counts = { orders: 3, lines: 7, products: 8, customers: 2 }

const bundleOf = (model: Model) => ({
  model,
  productIds: Array.from({ length: model.nItems }, (_, i) => `prod_${i}`),
  categoryIds: Array.from({ length: model.categoryTrending.offsets.length - 1 }, (_, c) => `pcat_${c}`),
  counts,
})

// The plugin's module is registered by Medusa from the plugin's build (.medusa/server/src/modules),
// with the plugin's options; the development store lists only the plugin.
medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ getContainer, dbConnection }) => {
    let service: RecommendationsModuleService
    beforeEach(() => {
      service = getContainer().resolve("recommendations")
    })

    it("is registered from the plugin with the plugin's options, and its migrations ran", async () => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      expect(config.modules.recommendations).toEqual(
        expect.objectContaining({
          resolve: expect.stringContaining("modules/recommendations"),
          options: expect.any(Object),
        })
      )
      const rows = await dbConnection.raw(
        "select table_name from information_schema.tables where table_schema = current_schema() and table_name like 'recommendation_%'"
      )
      expect(rows.rows.map((r: { table_name: string }) => r.table_name).sort()).toEqual([...TABLES].sort())
    })

    it("records a re-delivered purchase once, lines of one product summed", async () => {
      const occurred_at = new Date("2024-05-01T10:00:00Z")
      const purchase = (product_id: string, variant_id: string, quantity: number) => ({
        type: "purchase" as const,
        product_id,
        variant_id,
        order_id: "order_1",
        customer_id: "cus_1",
        quantity,
        occurred_at,
      })
      const order = [purchase("prod_a", "variant_a1", 2), purchase("prod_a", "variant_a2", 1), purchase("prod_b", "variant_b", 1)]
      expect(await service.recordEvents(order)).toEqual({ recorded: 2, skipped: 1 })
      expect(await service.recordEvents(order)).toEqual({ recorded: 0, skipped: 3 })
      // Views are not deduplicated, and an order id on another type is its own key.
      const view = { type: "view" as const, product_id: "prod_a", session_id: "sess_1", metadata: { page: "pdp" } }
      expect(await service.recordEvents([view, view])).toEqual({ recorded: 2, skipped: 0 })

      const purchases = await service.listInteractionEvents({ order_id: "order_1" }, { order: { product_id: "ASC" } })
      expect(purchases.map((e) => [e.product_id, e.type, e.quantity])).toEqual([
        ["prod_a", "purchase", 3],
        ["prod_b", "purchase", 1],
      ])
      expect(new Date(purchases[0].occurred_at).toISOString()).toBe(occurred_at.toISOString())
      const views = await service.listInteractionEvents({ session_id: "sess_1" })
      expect(views).toHaveLength(2)
      expect(views[0].metadata).toEqual({ page: "pdp" })
    })

    it("refuses malformed events, naming the problem", async () => {
      await expect(service.recordEvents([{ type: "like" as never, product_id: "prod_a" }])).rejects.toThrow(
        /events\[0\]\.type must be one of purchase, view, click, add_to_cart, impression/
      )
      await expect(service.recordEvents([{ type: "view", product_id: "prod_a", quantity: 0 }])).rejects.toThrow(/quantity/)
      await expect(service.recordEvents([{ type: "view", product_id: "" }])).rejects.toThrow(/product_id/)
    })

    it("returns the production defaults for a fresh store, and merges a stored override", async () => {
      expect(await service.getSettings()).toEqual(SURFACE_DEFAULTS)
      expect(await service.getSettings("related")).toEqual(SURFACE_DEFAULTS.related)

      const saved = await service.saveSettings("also_bought", { weights: { content: 0.3 }, diversity: { maxPerCategory: 2 } })
      const expected = {
        ...SURFACE_DEFAULTS.also_bought,
        weights: { ...SURFACE_DEFAULTS.also_bought.weights, content: 0.3 },
        diversity: { ...SURFACE_DEFAULTS.also_bought.diversity, maxPerCategory: 2 },
      }
      expect(saved).toEqual(expected)
      expect(await service.getSettings("also_bought")).toEqual(expected)
      expect((await service.getSettings()).cart).toEqual(SURFACE_DEFAULTS.cart)
      // Saving again replaces the override: one row per surface.
      await service.saveSettings("also_bought", { limit: 6 })
      expect(await service.getSettings("also_bought")).toEqual({ ...SURFACE_DEFAULTS.also_bought, limit: 6 })
      expect(await service.listRecommendationSettings({ surface: "also_bought" })).toHaveLength(1)
      await expect(service.getSettings("sidebar" as never)).rejects.toThrow(/Unknown surface "sidebar"/)
    })

    it("makes each saved model version current in turn, and loads its typed arrays back", async () => {
      expect(await service.loadCurrentModel()).toBeNull()

      const first = modelOf()
      const v1 = await service.saveModelVersion({ ...bundleOf(first), trainedUntil: new Date("2024-05-01T00:00:00Z") })
      const second = modelOf()
      second.priorScale = { seeded: 4, personal: 1 }
      second.cooccurrence.scores[0] = 0.125
      // Small chunks: this version's arrays span several rows each.
      const v2 = await service.saveModelVersion(bundleOf(second), { chunkBytes: 16 })
      expect(v2.version).toBeGreaterThan(v1.version)

      const versions = await service.listModelVersions({}, { order: { version: "ASC" } })
      expect(versions.map((v) => [v.id, v.status, v.is_current])).toEqual([
        [v1.id, "superseded", false],
        [v2.id, "ready", true],
      ])
      expect(versions[1].counts).toEqual(counts)

      const loaded = (await service.loadCurrentModel())!
      expect(loaded).toMatchObject({ id: v2.id, version: v2.version, counts, productIds: bundleOf(second).productIds })
      expect(loaded.trainedUntil?.getTime()).toBe(second.trainedUntil)
      expect(loaded.model.priorScale).toEqual({ seeded: 4, personal: 1 })
      for (const [key, arrays] of [
        ["cooccurrence", loaded.model.cooccurrence],
        ["content", loaded.model.content],
      ] as const) {
        const saved = second[key]
        expect(arrays.offsets).toBeInstanceOf(Uint32Array)
        expect(arrays.scores).toBeInstanceOf(Float32Array)
        expect(Array.from(arrays.offsets)).toEqual(Array.from(saved.offsets))
        expect(Array.from(arrays.ids)).toEqual(Array.from(saved.ids))
        expect(Array.from(arrays.scores)).toEqual(Array.from(saved.scores))
        expect(Array.from(arrays.support)).toEqual(Array.from(saved.support))
      }
      expect(Array.from(loaded.model.trending)).toEqual(Array.from(second.trending))
      expect(Array.from(loaded.model.categoryTrending.ids)).toEqual(Array.from(second.categoryTrending.ids))
      expect(loaded.model.vocabulary).toEqual(second.vocabulary)
      expect(loaded.categoryIds).toEqual(bundleOf(second).categoryIds)

      const artifacts = await dbConnection.raw(
        "select model_version_id, count(*)::int as n from recommendation_model_artifact group by 1 order by 1"
      )
      const rowsOf = Object.fromEntries(artifacts.rows.map((r: { model_version_id: string; n: number }) => [r.model_version_id, r.n]))
      expect(rowsOf[v2.id]).toBeGreaterThan(rowsOf[v1.id]) // v1 in 3 MiB chunks, v2 in 16-byte ones
    })

    it("keeps exactly one current version when three trainings finish together", async () => {
      const saved = await Promise.all([1, 2, 3].map(() => service.saveModelVersion(bundleOf(modelOf()), { chunkBytes: 64 })))
      const versions = await service.listModelVersions({})
      expect(versions.filter((v) => v.is_current)).toHaveLength(1)
      expect(versions.filter((v) => v.status === "superseded")).toHaveLength(2)
      const current = versions.find((v) => v.is_current)!
      expect(saved.map((s) => s.id)).toContain(current.id)
      expect((await service.loadCurrentModel())!.id).toBe(current.id)
    })

    it("leaves the current version serving when a new one cannot be written", async () => {
      const current = await service.saveModelVersion(bundleOf(modelOf()))
      await expect(service.saveModelVersion({ ...bundleOf(modelOf()), productIds: ["prod_0"] })).rejects.toThrow(/productIds/)
      // A failure after the version row and its first artifacts exist (the writer dies).
      await expect(
        service.saveModelVersion(bundleOf(modelOf()), {
          chunkBytes: 16,
          onProgress: () => {
            throw new Error("disk full")
          },
        })
      ).rejects.toThrow(/disk full/)
      const versions = await service.listModelVersions({}, { order: { version: "DESC" }, take: 2 })
      expect(versions.map((v) => [v.status, v.is_current])).toEqual([
        ["failed", false],
        ["ready", true],
      ])
      expect((await service.loadCurrentModel())!.id).toBe(current.id)
      const orphans = await dbConnection.raw(
        "select count(*)::int as n from recommendation_model_artifact where model_version_id = ?",
        [versions[0].id]
      )
      expect(orphans.rows[0].n).toBe(0)
    })

    it("erases one customer's events and the anonymous events of their sessions, nothing else", async () => {
      const at = new Date("2024-05-02T10:00:00Z")
      await service.recordEvents([
        { type: "purchase", product_id: "prod_a", order_id: "order_9", customer_id: "cus_9", occurred_at: at },
        { type: "view", product_id: "prod_a", customer_id: "cus_9", session_id: "sess_9", occurred_at: at },
        { type: "view", product_id: "prod_b", session_id: "sess_9", occurred_at: at },
        { type: "view", product_id: "prod_c", session_id: "sess_9", customer_id: "cus_10", occurred_at: at },
        { type: "purchase", product_id: "prod_a", order_id: "order_10", customer_id: "cus_10", occurred_at: at },
        { type: "view", product_id: "prod_b", session_id: "sess_other", occurred_at: at },
      ])
      expect(await service.eraseCustomer("cus_9")).toBe(3)
      const left = await service.listInteractionEvents({}, { order: { product_id: "ASC" } })
      expect(left.map((e) => [e.customer_id, e.session_id, e.product_id])).toEqual(
        expect.arrayContaining([
          ["cus_10", null, "prod_a"],
          [null, "sess_other", "prod_b"],
          ["cus_10", "sess_9", "prod_c"],
        ])
      )
      expect(left.some((e) => e.customer_id === "cus_9")).toBe(false)
      expect(left).toHaveLength(3)
    })
  },
})
