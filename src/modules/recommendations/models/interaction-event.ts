import { model } from "@medusajs/framework/utils"

export const INTERACTION_TYPES = ["purchase", "view", "click", "add_to_cart", "impression"] as const

/**
 * One signal: a purchase (one row per order and product), or a storefront view, click,
 * add-to-cart or impression. Erasure deletes rows outright (no soft delete is ever used here),
 * so the plain indexes are not scoped to `deleted_at IS NULL` and raw reads can use them.
 */
export const InteractionEvent = model
  .define(
    { name: "InteractionEvent", tableName: "recommendation_interaction_event" },
    {
      id: model.id({ prefix: "recev" }).primaryKey(),
      type: model.enum([...INTERACTION_TYPES]),
      product_id: model.text(),
      variant_id: model.text().nullable(),
      customer_id: model.text().nullable(),
      session_id: model.text().nullable(),
      order_id: model.text().nullable(),
      quantity: model.number().default(1),
      sales_channel_id: model.text().nullable(),
      /** The `recommendation_id` of the list an impression or click came from. */
      recommendation_id: model.text().nullable(),
      occurred_at: model.dateTime(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["customer_id"], where: null },
    { on: ["session_id"], where: null },
    { on: ["occurred_at"], where: null },
    { on: ["product_id"], where: null },
    {
      // A re-delivered order.placed never counts twice: recordEvents inserts with
      // ON CONFLICT (order_id, product_id, type) WHERE <this predicate> DO NOTHING.
      // (The DML appends "AND deleted_at IS NULL" to every string condition.)
      name: "IDX_recommendation_interaction_event_order_product_type_unique",
      on: ["order_id", "product_id", "type"],
      unique: true,
      where: "order_id IS NOT NULL",
    },
  ])
