import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordOrderPurchasesStep } from "./steps/record-order-purchases"
import { requestTrainingStep } from "./steps/request-training"

export type RecordOrderPurchasesWorkflowInput = { order_id: string }

/**
 * A placed order: its purchases are recorded, then a training is requested (throttled). A
 * re-delivered order adds no purchase and asks for nothing.
 */
export const recordOrderPurchasesWorkflow = createWorkflow(
  "recommendations-record-order-purchases",
  (input: RecordOrderPurchasesWorkflowInput) => {
    const orderIds = transform({ input }, ({ input }) => ({ order_ids: [input.order_id] }))
    const result = recordOrderPurchasesStep(orderIds)
    const training = when({ result }, ({ result }) => result.recorded > 0).then(() => requestTrainingStep("order"))
    return new WorkflowResponse({ recorded: result.recorded, training })
  }
)
