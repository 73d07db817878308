import { MedusaError } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"
import type { SurfaceSettings } from "../../../engine/types"
import { settingsProblem } from "../utils/settings-problem"

export const validateSurfaceSettingsStepId = "validate-recommendation-surface-settings"

/** Fails on settings whose fields contradict each other; the workflow then restores the previous ones. */
export const validateSurfaceSettingsStep = createStep(
  validateSurfaceSettingsStepId,
  async (settings: SurfaceSettings) => {
    const problem = settingsProblem(settings)
    if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid settings: ${problem}`)
  }
)
