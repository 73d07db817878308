import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteRecommendationRulesStep } from "../steps/delete-recommendation-rules"

export type DeleteRecommendationRulesWorkflowInput = { ids: string[] }

export const deleteRecommendationRulesWorkflowId = "delete-recommendation-rules"

export const deleteRecommendationRulesWorkflow = createWorkflow(
  deleteRecommendationRulesWorkflowId,
  (input: DeleteRecommendationRulesWorkflowInput) => new WorkflowResponse(deleteRecommendationRulesStep(input.ids))
)
