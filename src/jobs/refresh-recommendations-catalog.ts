import type { MedusaContainer } from "@medusajs/framework/types"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../modules/recommendations"
import { refreshProductDocumentsWorkflow } from "../workflows/refresh-product-documents"

/**
 * Nightly, before the default nightly training (03:00): the product documents are rewritten from
 * the catalogue, so changes that emit no product event reach the next training. A store whose
 * plugin option `schedule` is false has no nightly work, this refresh included.
 */
export default async function refreshRecommendationsCatalog(container: MedusaContainer): Promise<void> {
  if (container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE).pluginOptions.schedule === false) return
  const { result } = await refreshProductDocumentsWorkflow(container).run({ input: {} })
  container.resolve("logger").info(`recommendations: refreshed the documents of ${result.products} products`)
}

export const config = {
  name: "recommendations-refresh-catalog",
  schedule: "30 2 * * *",
}
