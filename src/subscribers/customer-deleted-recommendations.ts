import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../modules/recommendations"

/** A deleted customer's signals are erased (models keep no per-customer data). */
export default async function eraseCustomerSignals({ event, container }: SubscriberArgs<{ id: string }>) {
  const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  await service.eraseCustomer(event.data.id)
}

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.DELETED,
  context: { subscriberId: "recommendations-customer-deleted" },
}
