/**
 * Product documents through a plain knex: the catalogue copy training and serving read. One row
 * per product ever (unique product_id): an upsert revives a soft-deleted row.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "./entity-id"

export const DOCUMENT_TABLE = "recommendation_product_document"

/** A product as its document stores it (see models/product-document.ts). */
export type ProductDocumentInput = {
  product_id: string
  title: string
  subtitle: string | null
  description: string | null
  handle: string | null
  type: string | null
  collection: string | null
  collection_id: string | null
  type_id: string | null
  price: number | null
  categories: { id: string; name: string }[]
  tags: { id: string; value: string }[]
  status: string
  sales_channel_ids: string[]
  created_at_source: Date | string
  metadata: Record<string, unknown> | null
}

const JSON_FIELDS = ["categories", "tags", "sales_channel_ids", "metadata"] as const

/** Writes each product's document (insert or replace), undeleting it. Returns the rows written. */
export async function upsertProductDocuments(knex: Knex, documents: ProductDocumentInput[]): Promise<number> {
  if (!documents.length) return 0
  const rows = documents.map((document) => {
    const row: Record<string, unknown> = { ...document, id: entityId("recdoc") }
    for (const field of JSON_FIELDS) row[field] = document[field] == null ? null : JSON.stringify(document[field])
    return row
  })
  const merge: Record<string, unknown> = { updated_at: knex.fn.now(), deleted_at: null }
  for (const field of Object.keys(rows[0])) {
    if (field !== "id") merge[field] = knex.raw("excluded.??", [field])
  }
  const written = await knex(DOCUMENT_TABLE).insert(rows).onConflict("product_id").merge(merge).returning("id")
  return written.length
}

/** Soft-deletes the documents of deleted products: they are never recommended again. */
export async function deleteProductDocuments(knex: Knex, productIds: string[]): Promise<number> {
  if (!productIds.length) return 0
  return await knex(DOCUMENT_TABLE)
    .whereIn("product_id", productIds)
    .whereNull("deleted_at")
    .update({ deleted_at: knex.fn.now(), updated_at: knex.fn.now() })
}
