import type { RemoteQueryFunction } from "@medusajs/framework/types"

export type PageOptions = {
  entity: string
  fields: string[]
  filters?: Record<string, unknown>
  pageSize: number
}

/**
 * Reads an entity page by page in a stable order (oldest first, then id) and hands each page to
 * `handle` before reading the next: memory stays bounded by one page however long the history.
 * Rows created meanwhile sort last and are read too. Returns the rows read.
 */
export async function forEachPage<T>(
  query: Omit<RemoteQueryFunction, symbol>,
  { entity, fields, filters = {}, pageSize }: PageOptions,
  handle: (rows: T[]) => Promise<void>
): Promise<number> {
  let read = 0
  for (;;) {
    const { data } = await query.graph({
      entity,
      fields,
      filters,
      pagination: { skip: read, take: pageSize, order: { created_at: "ASC", id: "ASC" } },
    })
    if (!data.length) return read
    await handle(data as T[])
    read += data.length
    if (data.length < pageSize) return read
  }
}
