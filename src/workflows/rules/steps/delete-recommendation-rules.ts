import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"

export const deleteRecommendationRulesStepId = "delete-recommendation-rules"

/** Soft-deletes rules; compensation restores them. */
export const deleteRecommendationRulesStep = createStep(
  deleteRecommendationRulesStepId,
  async (ids: string[], { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.softDeleteRecommendationRules(ids)
    service.settingsChanged()
    return new StepResponse(undefined, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.restoreRecommendationRules(ids)
    service.settingsChanged()
  }
)
