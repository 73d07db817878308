import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../modules/recommendations"
import { forEachPage } from "../utils/for-each-page"
import {
  ORDER_FIELDS,
  PRODUCT_FIELDS,
  PURCHASE_ORDER_FILTERS,
  defaultCurrency,
  productDocumentOf,
  purchasesOf,
  type GraphOrder,
  type GraphProduct,
} from "../utils/signals-of"

export type ImportPageInput = { page_size: number }

/**
 * Writes every product's document from the product module, page by page: the catalogue that
 * existed before the plugin, or the nightly refresh. Idempotent (documents are upserted), so
 * nothing to compensate.
 */
export const importCatalogStep = createStep(
  "recommendations-import-catalog",
  async ({ page_size }: ImportPageInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const currency = await defaultCurrency(query)
    const products = await forEachPage<GraphProduct>(
      query,
      { entity: "product", fields: PRODUCT_FIELDS, pageSize: page_size },
      async (page) => {
        await service.upsertProductDocuments(page.map((p) => productDocumentOf(p, currency)))
      }
    )
    return new StepResponse({ products })
  }
)

/**
 * Records the purchases of past orders, page by page. Idempotent per order (an order already
 * recorded, by order.placed or an earlier import, adds nothing), so nothing to compensate.
 */
export const importOrderHistoryStep = createStep(
  "recommendations-import-order-history",
  async ({ page_size }: ImportPageInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    let recorded = 0
    const orders = await forEachPage<GraphOrder>(
      query,
      { entity: "order", fields: ORDER_FIELDS, filters: PURCHASE_ORDER_FILTERS, pageSize: page_size },
      async (page) => {
        recorded += (await service.recordEvents(page.flatMap(purchasesOf))).recorded
      }
    )
    return new StepResponse({ orders, recorded })
  }
)
