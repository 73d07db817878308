import { acquireLockStep, releaseLockStep } from "@medusajs/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateRecommendationRuleStep, type UpdateRecommendationRuleStepInput } from "../steps/update-recommendation-rule"
import { validateRecommendationRulesStep } from "../steps/validate-recommendation-rules"

export type UpdateRecommendationRuleWorkflowInput = UpdateRecommendationRuleStepInput

export const updateRecommendationRuleWorkflowId = "update-recommendation-rule"

/**
 * Changes one rule. The check runs on the rule as stored after the change (the change merged
 * with the fields it leaves alone); when it fails, the previous rule is written back. A lock
 * per rule keeps a concurrent change from being undone by this one's compensation.
 */
export const updateRecommendationRuleWorkflow = createWorkflow(
  updateRecommendationRuleWorkflowId,
  (input: UpdateRecommendationRuleWorkflowInput) => {
    const key = transform({ input }, ({ input }) => `recommendation-rule:${input.id}`)
    acquireLockStep({ key, timeout: 10, ttl: 30 })
    const rule = updateRecommendationRuleStep(input)
    validateRecommendationRulesStep([rule])
    releaseLockStep({ key })
    return new WorkflowResponse(rule)
  }
)
