import { acquireLockStep, releaseLockStep } from "@medusajs/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markTuneAcceptedStep } from "../steps/mark-tune-accepted"
import { saveSurfaceSettingsStep } from "../steps/save-surface-settings"
import { validateSurfaceSettingsStep } from "../steps/validate-surface-settings"
import { validateTuneProposalStep } from "../steps/validate-tune-proposal"

export type AcceptTuneProposalWorkflowInput = { id: string }

export const acceptTuneProposalWorkflowId = "accept-recommendation-tune-proposal"

const LOCK_KEYS = ["recommendation-settings:also_bought", "recommendation-settings:for_you"]

/**
 * Applies an auto-tune's proposal: the proposed weights and diversity are merged into each
 * changed surface's settings with the same steps as a settings change (serving reads them on
 * its next request), under the same per-surface locks; the tune is marked accepted. Any failure
 * puts every surface's previous settings back.
 */
export const acceptTuneProposalWorkflow = createWorkflow(acceptTuneProposalWorkflowId, (input: AcceptTuneProposalWorkflowInput) => {
  acquireLockStep({ key: LOCK_KEYS, timeout: 10, ttl: 30 })
  const changes = validateTuneProposalStep(input)

  const alsoBought = when("tuned-also-bought", { changes }, ({ changes }) => !!changes.also_bought).then(() => {
    const step = transform({ changes }, ({ changes }) => ({ surface: "also_bought" as const, change: changes.also_bought! }))
    const settings = saveSurfaceSettingsStep(step).config({ name: "save-tuned-also-bought-settings" })
    validateSurfaceSettingsStep(settings).config({ name: "validate-tuned-also-bought-settings" })
    return settings
  })
  const forYou = when("tuned-for-you", { changes }, ({ changes }) => !!changes.for_you).then(() => {
    const step = transform({ changes }, ({ changes }) => ({ surface: "for_you" as const, change: changes.for_you! }))
    const settings = saveSurfaceSettingsStep(step).config({ name: "save-tuned-for-you-settings" })
    validateSurfaceSettingsStep(settings).config({ name: "validate-tuned-for-you-settings" })
    return settings
  })
  markTuneAcceptedStep(input)
  releaseLockStep({ key: LOCK_KEYS })
  const result = transform({ alsoBought, forYou }, ({ alsoBought, forYou }) => ({
    ...(alsoBought ? { also_bought: alsoBought } : {}),
    ...(forYou ? { for_you: forYou } : {}),
  }))
  return new WorkflowResponse(result)
})
