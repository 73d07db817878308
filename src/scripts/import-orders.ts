/**
 * Imports a shop's order history from another platform, run from the store's folder:
 *
 *   npx medusa exec ./node_modules/medusa-plugin-recommendations/.medusa/server/src/scripts/import-orders.js DIR
 *
 * DIR holds `products.csv` and `orders.csv` in the exchange format of `medusa-recs evaluate`
 * (products.csv may add a `price` column). Products are matched by `external_id` and created
 * when missing, in the store's default sales channel and currency; orders become the purchase
 * history the recommendations train on; then a training runs and the script waits for it, so
 * the store serves recommendations learnt from the history when it returns. A second run adds
 * only what is new.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readExchange } from "../exchange/read"
import { importExchange } from "../import/exchange-import"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../modules/recommendations"
import { defaultCurrency } from "../workflows/utils/signals-of"

const POLL_MS = 500

export default async function importOrders({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [dir] = args
  if (!dir) throw new Error("import-orders: give the folder holding products.csv and orders.csv")
  const data = readExchange(dir)
  const { malformed } = data
  if (malformed.orders || malformed.products) {
    logger.warn(`import-orders: skipped ${malformed.orders} order lines and ${malformed.products} product rows: ${malformed.examples.join("; ")}`)
  }
  const { data: stores } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
  const salesChannelId = stores[0]?.default_sales_channel_id
  const currencyCode = await defaultCurrency(query)
  if (!salesChannelId || !currencyCode) throw new Error("import-orders: the store needs a default sales channel and a default currency")

  const result = await importExchange(container, data, {
    salesChannelId,
    currencyCode,
    onProgress: (stage, done, total) => logger.info(`import-orders: ${stage} ${done}/${total}`),
  })
  logger.info(
    `import-orders: ${result.productsCreated} products created (${result.productIds.size} matched in all), ` +
      `${result.categoriesCreated} categories and ${result.tagsCreated} tags created, ${result.purchasesRecorded} purchases recorded, ` +
      `${result.customersMatched} of ${data.customerIds.length} customers matched to the store's`
  )

  // "backfill": the training of an imported history (the store's own history import then counts
  // as done). Trained here: a script's instance only enqueues, and the store may not be running.
  const recommendations = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  let shown = ""
  const watch = setInterval(async () => {
    const [run] = await recommendations.listTrainingRuns({ trigger: "backfill" }, { order: { created_at: "DESC" }, take: 1 })
    const line = run ? `import-orders: training ${run.status}${run.stage ? ` (${run.stage})` : ""} ${Math.round(run.progress * 100)}%` : ""
    if (line && line !== shown) logger.info((shown = line))
  }, POLL_MS)
  try {
    const jobId = await recommendations.trainHere("backfill")
    const [run] = await recommendations.listTrainingRuns({ job_id: jobId })
    logger.info(`import-orders: trained model version ${run.model_version_id} in ${run.timings ? Object.values(run.timings).reduce((a, b) => a + b, 0).toFixed(1) : "?"} s`)
  } finally {
    clearInterval(watch)
  }
}
