import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { importCatalogStep } from "./steps/import-history"
import { DEFAULT_IMPORT_PAGE_SIZE } from "./import-history"

export type RefreshProductDocumentsWorkflowInput = { page_size?: number }

/**
 * Rewrites every product's document from the product module, page by page. Catches changes that
 * emit no product event: a product added to a sales channel, a renamed category, collection,
 * type or tag, an event lost while its subscriber was down.
 */
export const refreshProductDocumentsWorkflow = createWorkflow(
  "recommendations-refresh-product-documents",
  (input: RefreshProductDocumentsWorkflowInput) => {
    const page = transform({ input }, ({ input }) => ({ page_size: input.page_size ?? DEFAULT_IMPORT_PAGE_SIZE }))
    const catalog = importCatalogStep(page)
    return new WorkflowResponse({ products: catalog.products })
  }
)
