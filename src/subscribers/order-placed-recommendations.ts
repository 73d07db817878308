import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { recordOrderPurchasesWorkflow } from "../workflows/record-order-purchases"

/** A placed order's lines become purchase events (once per order, however often it is delivered). */
export default async function recordOrderPurchases({ event, container }: SubscriberArgs<{ id: string }>) {
  await recordOrderPurchasesWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "recommendations-order-placed" },
}
