import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../modules/recommendations"
import { PRODUCT_FIELDS, defaultCurrency, productDocumentOf, type GraphProduct } from "../utils/signals-of"

export type SyncProductDocumentsStepInput = { product_ids: string[] }

/**
 * Brings the products' documents in step with the product module: written for live products,
 * soft-deleted for deleted (or vanished) ones. Reads the products as they are now, so events
 * that arrive out of order still end in the current state.
 */
export const syncProductDocumentsStep = createStep(
  "recommendations-sync-product-documents",
  async ({ product_ids }: SyncProductDocumentsStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "product",
      fields: PRODUCT_FIELDS,
      filters: { id: product_ids },
      withDeleted: true,
    })
    const products = data as GraphProduct[]
    const live = products.filter((p) => !p.deleted_at)
    const liveIds = new Set(live.map((p) => p.id))
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const currency = await defaultCurrency(query)
    const written = await service.upsertProductDocuments(live.map((p) => productDocumentOf(p, currency)))
    const removed = await service.removeProductDocuments(product_ids.filter((id) => !liveIds.has(id)))
    return new StepResponse({ written, removed })
  }
)
