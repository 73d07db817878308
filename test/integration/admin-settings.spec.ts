import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { SURFACE_DEFAULTS } from "../../src/engine/params"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import { createAdminUser } from "../fixtures/store"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")

/** SURFACE_DEFAULTS as the admin API writes them (snake_case keys). */
const apiDefaults = (surface: keyof typeof SURFACE_DEFAULTS) => {
  const d = SURFACE_DEFAULTS[surface]
  return {
    weights: d.weights,
    fallbacks: d.fallbacks,
    min_score: d.minScore,
    limit: d.limit,
    diversity: {
      lambda: d.diversity.lambda,
      max_per_category: d.diversity.maxPerCategory,
      exploration_slots: d.diversity.explorationSlots,
    },
    filters: {
      exclude_cart: d.filters.excludeCart,
      exclude_purchased: d.filters.excludePurchased,
      available_only: d.filters.availableOnly,
    },
  }
}

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let service: RecommendationsModuleService
    beforeEach(async () => {
      headers = (await createAdminUser(getContainer())).headers
      service = getContainer().resolve("recommendations")
    })

    const post = (surface: string, body: unknown) =>
      api.post(`/admin/recommendations/settings/${surface}`, body, { headers, validateStatus: () => true })

    it("refuses every settings route without an admin", async () => {
      const anonymous = { validateStatus: () => true }
      const responses = [
        await api.get("/admin/recommendations/settings", anonymous),
        await api.get("/admin/recommendations/settings/related", anonymous),
        await api.post("/admin/recommendations/settings/related", { limit: 4 }, anonymous),
        await api.post("/admin/recommendations/settings/related", { limit: 4 }, { ...anonymous, headers: { authorization: "Bearer not-a-token" } }),
      ]
      expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401])
      expect(await service.listRecommendationSettings({})).toHaveLength(0)
    })

    it("shows the defaults, merges changes over the stored override, and resets", async () => {
      const fresh = await api.get("/admin/recommendations/settings", { headers })
      expect(fresh.status).toBe(200)
      const all = { also_bought: apiDefaults("also_bought"), related: apiDefaults("related"), cart: apiDefaults("cart"), for_you: apiDefaults("for_you") }
      expect(fresh.data).toEqual({ settings: all, defaults: all })

      const first = await post("related", { weights: { trending: 0.5 }, diversity: { max_per_category: 2 }, filters: { exclude_purchased: true } })
      expect(first.status).toBe(200)
      const afterFirst = {
        ...apiDefaults("related"),
        weights: { ...apiDefaults("related").weights, trending: 0.5 },
        diversity: { ...apiDefaults("related").diversity, max_per_category: 2 },
        filters: { ...apiDefaults("related").filters, exclude_purchased: true },
      }
      expect(first.data).toEqual({ settings: afterFirst })

      // A second change keeps the first one's fields; arrays replace.
      const second = await post("related", { weights: { content: 0.7 }, fallbacks: ["trending", "content"], limit: 6, min_score: 0.1 })
      const afterSecond = {
        ...afterFirst,
        weights: { ...afterFirst.weights, content: 0.7 },
        fallbacks: ["trending", "content"],
        limit: 6,
        min_score: 0.1,
      }
      expect(second.data).toEqual({ settings: afterSecond })
      expect((await api.get("/admin/recommendations/settings/related", { headers })).data).toEqual({
        settings: afterSecond,
        defaults: apiDefaults("related"),
      })
      // Serving reads the engine's form through the service; other surfaces are untouched.
      expect(await service.getSettings("related")).toEqual({
        ...SURFACE_DEFAULTS.related,
        weights: { ...SURFACE_DEFAULTS.related.weights, trending: 0.5, content: 0.7 },
        fallbacks: ["trending", "content"],
        limit: 6,
        minScore: 0.1,
        diversity: { ...SURFACE_DEFAULTS.related.diversity, maxPerCategory: 2 },
        filters: { ...SURFACE_DEFAULTS.related.filters, excludePurchased: true },
      })
      expect((await api.get("/admin/recommendations/settings", { headers })).data.settings.cart).toEqual(apiDefaults("cart"))

      // Reset with a change: the defaults with only that change.
      const reset = await post("related", { reset: true, limit: 8 })
      expect(reset.data).toEqual({ settings: { ...apiDefaults("related"), limit: 8 } })
      const cleared = await post("related", { reset: true })
      expect(cleared.data).toEqual({ settings: apiDefaults("related") })
      expect(await service.getSettings("related")).toEqual(SURFACE_DEFAULTS.related)
    })

    it("refuses malformed changes with a 400 naming the field, and keeps what was stored", async () => {
      await post("also_bought", { limit: 7 })
      const cases: [unknown, RegExp][] = [
        [{ weights: { content: -1 } }, /weights, content.*too small/],
        [{ weights: { popularity: 1 } }, /Unrecognized fields: 'popularity'/],
        [{ weights: { content: "high" } }, /'number' for field 'weights, content'/],
        [{ fallbacks: ["content", "bestsellers"] }, /fallbacks: unknown "bestsellers"; expected any of cooccurrence, content, category_trending, trending/],
        [{ fallbacks: ["trending", "trending"] }, /fallbacks must not list a value twice/],
        [{ limit: 0 }, /field 'limit' too small/],
        [{ limit: 2.5 }, /limit/],
        [{ limit: 1000 }, /field 'limit' too big/],
        [{ min_score: -0.5 }, /field 'min_score' too small/],
        [{ diversity: { lambda: 1.5 } }, /field 'diversity, lambda' too big/],
        [{ diversity: { max_per_category: -1 } }, /diversity, max_per_category/],
        [{ filters: { exclude_cart: "yes" } }, /'boolean' for field 'filters, exclude_cart'/],
        [{ minScore: 0.2 }, /Unrecognized fields: 'minScore'/],
        [{ reset: "please" }, /'boolean' for field 'reset'/],
      ]
      for (const [body, message] of cases) {
        const response = await post("also_bought", body)
        expect({ body, status: response.status, type: response.data.type }).toEqual({ body, status: 400, type: "invalid_data" })
        expect(response.data.message).toMatch(message)
      }
      // Bodies that are not an object of settings at all.
      const raw = (data: string) =>
        api.post("/admin/recommendations/settings/also_bought", data, {
          headers: { ...headers, "content-type": "application/json" },
          validateStatus: () => true,
        })
      for (const data of ["[1, 2]", '"limit"', '{"limit": ']) {
        const response = await raw(data)
        expect({ data, status: response.status }).toEqual({ data, status: 400 })
      }
      expect((await service.getSettings("also_bought")).limit).toBe(7)
      expect(await service.listRecommendationSettings({})).toHaveLength(1)
    })

    it("keeps every one of several changes sent at once", async () => {
      const changes = [
        { weights: { content: 0.4 } },
        { weights: { personal: 0.3 } },
        { limit: 7 },
        { min_score: 0.05 },
        { diversity: { lambda: 0.6 } },
        { diversity: { max_per_category: 3 } },
        { filters: { exclude_purchased: true } },
        { filters: { exclude_cart: false } },
      ]
      const responses = await Promise.all(changes.map((change) => post("also_bought", change)))
      expect(responses.map((r) => r.status)).toEqual(changes.map(() => 200))
      const defaults = apiDefaults("also_bought")
      expect((await api.get("/admin/recommendations/settings/also_bought", { headers })).data.settings).toEqual({
        ...defaults,
        weights: { ...defaults.weights, content: 0.4, personal: 0.3 },
        limit: 7,
        min_score: 0.05,
        diversity: { ...defaults.diversity, lambda: 0.6, max_per_category: 3 },
        filters: { ...defaults.filters, exclude_purchased: true, exclude_cart: false },
      })
    })

    it("answers 404 for a surface that does not exist", async () => {
      const get = await api.get("/admin/recommendations/settings/sidebar", { headers, validateStatus: () => true })
      const change = await post("sidebar", { limit: 4 })
      for (const response of [get, change]) {
        expect(response.status).toBe(404)
        expect(response.data.message).toMatch(/Surface "sidebar" was not found: expected one of also_bought, related, cart, for_you/)
      }
      expect(await service.listRecommendationSettings({})).toHaveLength(0)
    })

    it("restores the previous settings when the merged result fails the workflow's check", async () => {
      await post("cart", { limit: 5, diversity: { exploration_slots: 2 } })
      const stored = await service.listRecommendationSettings({ surface: "cart" })

      // Each field is valid alone; together with what is stored they contradict each other.
      const tooFew = await post("cart", { limit: 1 })
      expect(tooFew.status).toBe(400)
      expect(tooFew.data.message).toBe("Invalid settings: diversity.exploration_slots (2) must not exceed limit (1)")
      const silent = await post("cart", { weights: { cooccurrence: 0, trending: 0 } })
      expect(silent.status).toBe(400)
      expect(silent.data.message).toBe("Invalid settings: weights: at least one source needs a weight above 0")

      const [row] = await service.listRecommendationSettings({ surface: "cart" })
      expect(row).toEqual(expect.objectContaining({ id: stored[0].id, settings: { limit: 5, diversity: { explorationSlots: 2 } } }))
      // The changes were written and then undone: the row was touched, its settings are the old ones.
      expect(new Date(row.updated_at).getTime()).toBeGreaterThan(new Date(stored[0].updated_at).getTime())
      expect((await api.get("/admin/recommendations/settings/cart", { headers })).data.settings).toEqual({
        ...apiDefaults("cart"),
        limit: 5,
        diversity: { ...apiDefaults("cart").diversity, exploration_slots: 2 },
      })

      // A surface with nothing stored before has nothing stored after a refused change.
      const none = await post("for_you", { diversity: { exploration_slots: 50 } })
      expect(none.status).toBe(400)
      expect(await service.listRecommendationSettings({ surface: "for_you" })).toHaveLength(0)
    })
  },
})
