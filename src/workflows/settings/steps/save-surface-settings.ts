import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { SurfaceSettings } from "../../../engine/types"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService, type Surface } from "../../../modules/recommendations"
import type { DeepPartial } from "../../../modules/recommendations/utils/settings"
import { mergeOverride } from "../utils/merge-override"

export type SaveSurfaceSettingsStepInput = {
  surface: Surface
  /** Deep-merged over the stored override. */
  change: DeepPartial<SurfaceSettings>
  /** Start from the defaults instead of the stored override. */
  reset?: boolean
}

type Previous = { surface: Surface; override: DeepPartial<SurfaceSettings> | null }

export const saveSurfaceSettingsStepId = "save-recommendation-surface-settings"

/**
 * Stores a surface's new override and returns the surface's complete settings. Compensation
 * puts the previous override back, or removes the row when there was none.
 */
export const saveSurfaceSettingsStep = createStep(
  saveSurfaceSettingsStepId,
  async ({ surface, change, reset }: SaveSurfaceSettingsStepInput, { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const [row] = await service.listRecommendationSettings({ surface })
    const override = (row?.settings ?? null) as DeepPartial<SurfaceSettings> | null
    const next = mergeOverride(reset || !override ? {} : override, change)
    const settings = await service.saveSettings(surface, next)
    service.settingsChanged()
    return new StepResponse<SurfaceSettings, Previous>(settings, { surface, override })
  },
  async (previous, { container }) => {
    if (!previous) return
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    if (previous.override) {
      await service.saveSettings(previous.surface, previous.override)
    } else {
      const rows = await service.listRecommendationSettings({ surface: previous.surface })
      await service.deleteRecommendationSettings(rows.map((r) => r.id))
    }
    service.settingsChanged()
  }
)
