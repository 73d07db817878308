import { SURFACE_DEFAULTS } from "../../../src/engine/params"
import { fromAdminSettings, toAdminSettings } from "../../../src/api/admin/recommendations/settings/helpers"
import { AdminUpdateSurfaceSettings } from "../../../src/api/admin/recommendations/settings/validators"
import { mergeOverride } from "../../../src/workflows/settings/utils/merge-override"
import { settingsProblem } from "../../../src/workflows/settings/utils/settings-problem"

describe("mergeOverride", () => {
  it("merges objects key by key, replaces arrays and scalars, and mutates neither input", () => {
    const stored = { weights: { content: 0.3 }, fallbacks: ["content", "trending"], limit: 6 }
    const change = { weights: { trending: 2 }, fallbacks: ["trending"], diversity: { lambda: 0.7 }, limit: undefined }
    const frozen = JSON.stringify([stored, change])
    expect(mergeOverride(stored, change)).toEqual({
      weights: { content: 0.3, trending: 2 },
      fallbacks: ["trending"],
      diversity: { lambda: 0.7 },
      limit: 6,
    })
    expect(JSON.stringify([stored, change])).toBe(frozen)
  })
})

describe("settingsProblem", () => {
  it("accepts the defaults of every surface", () => {
    for (const settings of Object.values(SURFACE_DEFAULTS)) expect(settingsProblem(settings)).toBeUndefined()
  })

  it("refuses settings whose fields contradict each other", () => {
    const base = SURFACE_DEFAULTS.cart
    expect(settingsProblem({ ...base, weights: { cooccurrence: 0, content: 0, personal: 0, trending: 0 } })).toBe(
      "weights: at least one source needs a weight above 0"
    )
    expect(settingsProblem({ ...base, limit: 3, diversity: { ...base.diversity, explorationSlots: 4 } })).toBe(
      "diversity.exploration_slots (4) must not exceed limit (3)"
    )
    expect(settingsProblem({ ...base, limit: 3, diversity: { ...base.diversity, explorationSlots: 3 } })).toBeUndefined()
  })
})

describe("admin settings shape", () => {
  it("shows the engine's settings in snake_case and reads changes back into the engine's keys", () => {
    const api = toAdminSettings(SURFACE_DEFAULTS.related)
    expect(api).toEqual({
      weights: SURFACE_DEFAULTS.related.weights,
      fallbacks: ["content", "category_trending", "trending"],
      min_score: 0,
      limit: 10,
      diversity: { lambda: 1, max_per_category: 0, exploration_slots: 0 },
      filters: { exclude_cart: true, exclude_purchased: false, available_only: true },
    })
    expect(fromAdminSettings(api)).toEqual(SURFACE_DEFAULTS.related)
    expect(fromAdminSettings({ diversity: { max_per_category: 2 }, min_score: 0.2 })).toEqual({
      diversity: { maxPerCategory: 2 },
      minScore: 0.2,
    })
  })

  it("validates a change field by field", async () => {
    expect(AdminUpdateSurfaceSettings.parse({ fallbacks: ["trending", "content"], limit: 4 })).toEqual({
      fallbacks: ["trending", "content"],
      limit: 4,
    })
    const issues = (body: unknown) => AdminUpdateSurfaceSettings.safeParse(body).error?.issues.map((i) => [i.path.join("."), i.message])
    expect(issues({ fallbacks: ["popular"] })).toEqual([
      ["fallbacks", 'fallbacks: unknown "popular"; expected any of cooccurrence, content, category_trending, trending'],
    ])
    expect(issues({ fallbacks: ["content", "content"] })).toEqual([["fallbacks", "fallbacks must not list a value twice"]])
    expect(issues({ diversity: { lambda: -0.1 } })?.[0][0]).toBe("diversity.lambda")
    expect(issues({ weights: { personal: 1, popular: 1 } })?.[0][1]).toMatch(/popular/)
  })
})
