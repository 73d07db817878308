/**
 * Reads the catalogue (`recommendation_product_document`, deleted products left out) as one
 * ProductDocument per product and each product's category indices. Products get their item
 * index here, in product id order, before any event is read.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ProductDocument } from "../engine/types"
import { forEachPage, type Paging } from "./cursor"
import { Growable } from "./growable"
import type { IdIndex } from "./id-index"
import { categoryIdsOf, productDocumentOf, type ProductDocumentRow } from "./product-document"

export const DOCUMENT_TABLE = "recommendation_product_document"

export type CatalogRead = {
  /** One per product read, by item index. */
  documents: ProductDocument[]
  /** item -> category index, CSR over the products read (offsets has documents.length + 1 entries). */
  categoryOffsets: Uint32Array
  categoryItems: Uint32Array
}

export async function readCatalog(
  trx: Knex.Transaction,
  products: IdIndex,
  categories: IdIndex,
  metadataKeys: readonly string[],
  paging: Paging
): Promise<CatalogRead> {
  const columns = ["product_id", "title", "subtitle", "description", "type", "collection", "categories", "tags"]
  // The metadata column can be large; it is read only when the content model wants some of it.
  if (metadataKeys.length) columns.push("metadata")
  const query = trx(DOCUMENT_TABLE).whereNull("deleted_at").orderBy("product_id").select(columns)
  const documents: ProductDocument[] = []
  const offsets = new Growable(Uint32Array)
  const items = new Growable(Uint32Array)
  offsets.push(0)
  await forEachPage<ProductDocumentRow>(trx, query, (rows) => {
    for (const row of rows) {
      documents[products.of(row.product_id)] = productDocumentOf(row, metadataKeys)
      for (const id of new Set(categoryIdsOf(row.categories))) items.push(categories.of(id))
      offsets.push(items.length)
    }
    paging.onRows(rows.length)
  }, paging.pageRows)
  return { documents, categoryOffsets: offsets.toArray(), categoryItems: items.toArray() }
}
