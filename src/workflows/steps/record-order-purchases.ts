import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../modules/recommendations"
import { ORDER_FIELDS, purchasesOf, type GraphOrder } from "../utils/signals-of"

export type RecordOrderPurchasesStepInput = { order_ids: string[] }

/**
 * Records one purchase per product of each order. Idempotent: an order already recorded adds
 * nothing, so a re-delivered order.placed never counts twice (and there is nothing to compensate).
 */
export const recordOrderPurchasesStep = createStep(
  "recommendations-record-order-purchases",
  async ({ order_ids }: RecordOrderPurchasesStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: order_ids } })
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const { recorded } = await service.recordEvents((data as GraphOrder[]).flatMap(purchasesOf))
    return new StepResponse({ recorded })
  }
)
