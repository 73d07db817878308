import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../modules/recommendations"

/**
 * A canceled order was not bought: its purchases are forgotten, and the training that follows
 * orders (debounced) learns without them.
 */
export default async function forgetCanceledOrder({ event, container }: SubscriberArgs<{ id: string }>) {
  const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  if (await service.forgetOrderPurchases(event.data.id)) await service.requestTrainingQuietly("order")
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.CANCELED,
  context: { subscriberId: "recommendations-order-canceled" },
}
