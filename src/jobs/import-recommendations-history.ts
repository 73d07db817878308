import type { MedusaContainer } from "@medusajs/framework/types"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../modules/recommendations"
import { importHistoryWorkflow } from "../workflows/import-history"

/**
 * Day one: a store that installs the plugin with years of orders gets recommendations from its
 * first training. Until a history import has asked for its training, this imports the existing
 * catalogue and past orders (idempotently: a second import, e.g. from two workers at once, adds
 * nothing), unless the plugin option `importHistory` is false. Afterwards each run is one query.
 */
let importing = false

export default async function importRecommendationsHistory(container: MedusaContainer): Promise<void> {
  const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  if (service.pluginOptions.importHistory === false || importing) return
  if (await service.hasImportedHistory()) return
  // A long import is not started again by the next minute's run.
  importing = true
  const { result } = await importHistoryWorkflow(container)
    .run({ input: {} })
    .finally(() => (importing = false))
  container
    .resolve("logger")
    .info(
      `recommendations: imported ${result.products} products and ${result.orders} past orders (${result.recorded} purchases)`
    )
}

export const config = {
  name: "recommendations-import-history",
  // Within a minute of the first start; later runs only check the marker.
  schedule: "* * * * *",
}
