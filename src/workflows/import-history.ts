import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { importCatalogStep, importOrderHistoryStep } from "./steps/import-history"
import { requestTrainingStep } from "./steps/request-training"

export type ImportHistoryWorkflowInput = {
  /** Orders (and products) read per query. Default 100. */
  page_size?: number
}

/**
 * Medusa builds and serializes a page's rows synchronously in the server's event loop: in the
 * server benchmark's profile a page of 500 products held it 30-55 ms; a page of 100, a fifth.
 */
export const DEFAULT_IMPORT_PAGE_SIZE = 100

/**
 * A store's past: the catalogue into product documents, past orders into purchases, then a
 * training on all of it. Safe to run again: it adds only what is missing.
 */
export const importHistoryWorkflow = createWorkflow(
  "recommendations-import-history",
  (input: ImportHistoryWorkflowInput) => {
    const page = transform({ input }, ({ input }) => ({ page_size: input.page_size ?? DEFAULT_IMPORT_PAGE_SIZE }))
    const catalog = importCatalogStep(page)
    const history = importOrderHistoryStep(page)
    const training = requestTrainingStep("backfill")
    return new WorkflowResponse({
      products: catalog.products,
      orders: history.orders,
      recorded: history.recorded,
      training,
    })
  }
)
