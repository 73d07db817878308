import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveSurfaceSettingsStep, type SaveSurfaceSettingsStepInput } from "../steps/save-surface-settings"
import { validateSurfaceSettingsStep } from "../steps/validate-surface-settings"

export type UpdateSurfaceSettingsWorkflowInput = SaveSurfaceSettingsStepInput

export const updateSurfaceSettingsWorkflowId = "update-recommendation-surface-settings"

/**
 * Changes one surface's settings. The merged result is checked after it is stored, so the
 * check sees exactly what serving would read; when it fails, the previous settings come back.
 */
export const updateSurfaceSettingsWorkflow = createWorkflow(
  updateSurfaceSettingsWorkflowId,
  (input: UpdateSurfaceSettingsWorkflowInput) => {
    const settings = saveSurfaceSettingsStep(input)
    validateSurfaceSettingsStep(settings)
    return new WorkflowResponse(settings)
  }
)
