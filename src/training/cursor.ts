/**
 * Streams a query's rows in pages through a server-side cursor, so a table of millions of rows
 * never sits in memory at once. Cursors live inside a transaction: the caller passes one.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** Rows fetched per round trip. */
export const PAGE_ROWS = 10_000

let cursors = 0

/** How a reader pages: rows per fetch, and who hears how many rows each page brought. */
export type Paging = { pageRows?: number; onRows: (rows: number) => void }

export async function forEachPage<Row>(
  trx: Knex.Transaction,
  query: Knex.QueryBuilder | Knex.Raw,
  onPage: (rows: Row[]) => void,
  pageRows = PAGE_ROWS
): Promise<void> {
  if (!Number.isInteger(pageRows) || pageRows < 1) throw new Error(`pageRows must be a positive integer, got ${pageRows}`)
  const { sql, bindings } = query.toSQL()
  const cursor = `training_cursor_${++cursors}`
  await trx.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, bindings as Knex.RawBinding[])
  for (;;) {
    const { rows } = await trx.raw(`FETCH FORWARD ${pageRows} FROM ${cursor}`)
    if (!rows.length) break
    onPage(rows as Row[])
  }
  await trx.raw(`CLOSE ${cursor}`)
}
