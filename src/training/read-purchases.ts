/**
 * Reads purchases (`recommendation_interaction_event` rows of type purchase) into an
 * OrdersBuilder: one order per order id, a purchase recorded without an order as an order of its
 * own. Rows come sorted by order time (an order's earliest line), then order, so each order's
 * lines are contiguous and orders are oldest first.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { forEachPage, type Paging } from "./cursor"
import type { IdIndex } from "./id-index"
import { OrdersBuilder } from "./orders-builder"

export const EVENT_TABLE = "recommendation_interaction_event"

type PurchaseRow = { order_key: string; order_time: number; customer_id: string | null; product_id: string; quantity: number }

export async function readPurchases(
  trx: Knex.Transaction,
  products: IdIndex,
  expectedLines: number,
  paging: Paging
): Promise<OrdersBuilder> {
  const lines = trx(EVENT_TABLE)
    .where({ type: "purchase" })
    .whereNull("deleted_at")
    .select(
      "product_id",
      "customer_id",
      "quantity",
      trx.raw("COALESCE(order_id, id) AS order_key"),
      trx.raw("min(occurred_at) OVER (PARTITION BY COALESCE(order_id, id)) AS order_at")
    )
  const query = trx
    .from(lines.as("line"))
    .orderBy([{ column: "order_at" }, { column: "order_key" }])
    .select(
      "order_key",
      "customer_id",
      "product_id",
      "quantity",
      trx.raw("(extract(epoch from order_at) * 1000)::float8 AS order_time")
    )
  const builder = new OrdersBuilder(expectedLines)
  await forEachPage<PurchaseRow>(trx, query, (rows) => {
    for (const row of rows) {
      builder.addLine(row.order_key, row.order_time, row.customer_id, products.of(row.product_id), Number(row.quantity))
    }
    paging.onRows(rows.length)
  }, paging.pageRows)
  return builder
}
