import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"
import type { StoredRecommendationRule, UpdateRecommendationRuleInput } from "../types"

export type UpdateRecommendationRuleStepInput = { id: string; update: UpdateRecommendationRuleInput }

export const updateRecommendationRuleStepId = "update-recommendation-rule"

const FIELDS = ["kind", "enabled", "surfaces", "when", "match", "items", "factor", "position", "note"] as const

/**
 * Applies a change to one rule (`when` and `match` are replaced whole) and returns the rule as
 * stored. An unknown id fails with not found. Compensation writes the previous fields back.
 */
export const updateRecommendationRuleStep = createStep(
  updateRecommendationRuleStepId,
  async ({ id, update }: UpdateRecommendationRuleStepInput, { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const previous = (await service.retrieveRecommendationRule(id)) as StoredRecommendationRule
    const rule = (await service.updateRecommendationRules({ ...update, id })) as StoredRecommendationRule
    service.settingsChanged()
    const restore = Object.fromEntries(FIELDS.map((f) => [f, previous[f]])) as Omit<StoredRecommendationRule, "id">
    return new StepResponse(rule, { ...restore, id })
  },
  async (previous, { container }) => {
    if (!previous) return
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    await service.updateRecommendationRules(previous)
    service.settingsChanged()
  }
)
