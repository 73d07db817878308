import { acquireLockStep, releaseLockStep } from "@medusajs/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveSurfaceSettingsStep, type SaveSurfaceSettingsStepInput } from "../steps/save-surface-settings"
import { validateSurfaceSettingsStep } from "../steps/validate-surface-settings"

export type UpdateSurfaceSettingsWorkflowInput = SaveSurfaceSettingsStepInput

export const updateSurfaceSettingsWorkflowId = "update-recommendation-surface-settings"

/**
 * Changes one surface's settings. The merged result is checked after it is stored, so the
 * check sees exactly what serving would read; when it fails, the previous settings come back.
 * A lock per surface serialises changes: each reads, merges and writes the override, so two at
 * once would otherwise lose one of them.
 */
export const updateSurfaceSettingsWorkflow = createWorkflow(
  updateSurfaceSettingsWorkflowId,
  (input: UpdateSurfaceSettingsWorkflowInput) => {
    const key = transform({ input }, ({ input }) => `recommendation-settings:${input.surface}`)
    acquireLockStep({ key, timeout: 10, ttl: 30 })
    const settings = saveSurfaceSettingsStep(input)
    validateSurfaceSettingsStep(settings)
    releaseLockStep({ key })
    return new WorkflowResponse(settings)
  }
)
