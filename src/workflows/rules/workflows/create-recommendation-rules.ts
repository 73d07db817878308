import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRecommendationRulesStep } from "../steps/create-recommendation-rules"
import { validateRecommendationRulesStep } from "../steps/validate-recommendation-rules"
import type { CreateRecommendationRuleInput } from "../types"

export type CreateRecommendationRulesWorkflowInput = { rules: CreateRecommendationRuleInput[] }

export const createRecommendationRulesWorkflowId = "create-recommendation-rules"

/**
 * Creates merchandising rules. They are checked as stored (defaults applied), and removed
 * again when a check fails.
 */
export const createRecommendationRulesWorkflow = createWorkflow(
  createRecommendationRulesWorkflowId,
  (input: CreateRecommendationRulesWorkflowInput) => {
    const rules = createRecommendationRulesStep(input.rules)
    validateRecommendationRulesStep(rules)
    return new WorkflowResponse(rules)
  }
)
