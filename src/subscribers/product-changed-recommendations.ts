import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ProductWorkflowEvents } from "@medusajs/framework/utils"
import { syncProductDocumentsWorkflow } from "../workflows/sync-product-documents"

/** A product created, updated or deleted: its document follows (deleted: never recommended again). */
export default async function syncProductDocument({ event, container }: SubscriberArgs<{ id: string }>) {
  await syncProductDocumentsWorkflow(container).run({ input: { product_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: [ProductWorkflowEvents.CREATED, ProductWorkflowEvents.UPDATED, ProductWorkflowEvents.DELETED],
  context: { subscriberId: "recommendations-product-changed" },
}
