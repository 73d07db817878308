import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateRecommendationRuleStep, type UpdateRecommendationRuleStepInput } from "../steps/update-recommendation-rule"
import { validateRecommendationRulesStep } from "../steps/validate-recommendation-rules"

export type UpdateRecommendationRuleWorkflowInput = UpdateRecommendationRuleStepInput

export const updateRecommendationRuleWorkflowId = "update-recommendation-rule"

/**
 * Changes one rule. The check runs on the rule as stored after the change (the change merged
 * with the fields it leaves alone); when it fails, the previous rule is written back.
 */
export const updateRecommendationRuleWorkflow = createWorkflow(
  updateRecommendationRuleWorkflowId,
  (input: UpdateRecommendationRuleWorkflowInput) => {
    const rule = updateRecommendationRuleStep(input)
    validateRecommendationRulesStep([rule])
    return new WorkflowResponse(rule)
  }
)
