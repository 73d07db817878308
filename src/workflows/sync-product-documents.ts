import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { requestTrainingStep } from "./steps/request-training"
import { syncProductDocumentsStep } from "./steps/sync-product-documents"

export type SyncProductDocumentsWorkflowInput = { product_ids: string[] }

/**
 * Products created, updated or deleted: their documents follow at once (serving reads them on the
 * next request), the content model with the next (throttled) training.
 */
export const syncProductDocumentsWorkflow = createWorkflow(
  "recommendations-sync-product-documents",
  (input: SyncProductDocumentsWorkflowInput) => {
    const result = syncProductDocumentsStep(input)
    const training = requestTrainingStep("catalog")
    return new WorkflowResponse({ written: result.written, removed: result.removed, training })
  }
)
