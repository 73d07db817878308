import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"

export const markTuneAcceptedStepId = "mark-recommendation-tune-accepted"

/** Records when the proposal was applied; compensation clears it again. */
export const markTuneAcceptedStep = createStep(
  markTuneAcceptedStepId,
  async ({ id }: { id: string }, { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.updateTuneRuns({ id, accepted_at: new Date() })
    return new StepResponse(undefined, id)
  },
  async (id, { container }) => {
    if (!id) return
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.updateTuneRuns({ id, accepted_at: null })
  }
)
