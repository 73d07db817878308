import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"
import type { CreateRecommendationRuleInput, StoredRecommendationRule } from "../types"

export const createRecommendationRulesStepId = "create-recommendation-rules"

/** Stores new rules; compensation deletes them. */
export const createRecommendationRulesStep = createStep(
  createRecommendationRulesStepId,
  async (data: CreateRecommendationRuleInput[], { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const rules = (await service.createRecommendationRules(data)) as StoredRecommendationRule[]
    service.settingsChanged()
    return new StepResponse(rules, rules.map((r) => r.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.deleteRecommendationRules(ids)
    service.settingsChanged()
  }
)
