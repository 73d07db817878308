/**
 * Reads storefront interest (views, clicks, add-to-carts) as the engine's Views, the weaker
 * signal trending adds to purchases. Impressions are not interest: they are left out. Only the
 * newest MAX_VIEWS are read: trending decays them with a half-life of weeks, so years of older
 * views would cost memory (12 bytes each) and add next to nothing.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Views } from "../engine/trending"
import { forEachPage, type Paging } from "./cursor"
import { Growable } from "./growable"
import type { IdIndex } from "./id-index"
import { EVENT_TABLE } from "./read-purchases"

export const VIEW_TYPES = ["view", "click", "add_to_cart"] as const
export const MAX_VIEWS = 5_000_000

type ViewRow = { product_id: string; time: number }

export async function readViews(
  trx: Knex.Transaction,
  products: IdIndex,
  expected: number,
  paging: Paging,
  limit = MAX_VIEWS
): Promise<{ items: Uint32Array; time: Float64Array }> {
  const query = trx(EVENT_TABLE)
    .whereIn("type", [...VIEW_TYPES])
    .whereNull("deleted_at")
    .orderBy("occurred_at", "desc")
    .limit(limit)
    .select("product_id", trx.raw("(extract(epoch from occurred_at) * 1000)::float8 AS time"))
  const items = new Growable(Uint32Array, expected)
  const time = new Growable(Float64Array, expected)
  await forEachPage<ViewRow>(trx, query, (rows) => {
    for (const row of rows) {
      items.push(products.of(row.product_id))
      time.push(row.time)
    }
    paging.onRows(rows.length)
  }, paging.pageRows)
  return { items: items.toArray(), time: time.toArray() } satisfies Views
}
