/**
 * Reads everything a training run learns from, from the module's tables, in one read-only
 * snapshot (REPEATABLE READ): the catalogue, the purchases and the views agree with each other
 * even while the store keeps recording events. Rows stream through cursors into typed arrays.
 *
 * Item index <-> product id: every product with a document (in product id order), then every
 * other product seen in purchases or views (deleted or not yet synced products: no text).
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Views } from "../engine/trending"
import type { Csr, Orders, ProductDocument } from "../engine/types"
import { IdIndex } from "./id-index"
import { DOCUMENT_TABLE, readCatalog } from "./read-catalog"
import { EVENT_TABLE, readPurchases } from "./read-purchases"
import { MAX_VIEWS, readViews, VIEW_TYPES } from "./read-views"

export type TrainingData = {
  /** Item index -> product id. */
  productIds: string[]
  /** Category index -> category id (the rows of `categories`' values). */
  categoryIds: string[]
  /** Per item; `{}` for a product without a document. */
  documents: ProductDocument[]
  /** item -> category indices. */
  categories: Csr
  orders: Orders
  views: Views
  counts: TrainingCounts
  /** Newest purchase or view (ms), null when the store has neither. */
  newestSignal: number | null
}

export type TrainingCounts = {
  orders: number
  lines: number
  products: number
  customers: number
  /** Views, clicks and add-to-carts. */
  events: number
  /** Products with a catalogue document. */
  documents: number
}

export type ReadOptions = {
  /** Metadata keys whose values the content model reads. */
  metadataKeys: readonly string[]
  /** Share of the rows read so far (0..1). */
  onProgress?: (fraction: number) => void
  /** Rows per cursor fetch; default PAGE_ROWS. */
  pageRows?: number
  /** Newest views read; default MAX_VIEWS. */
  maxViews?: number
}

export async function readTrainingData(knex: Knex, options: ReadOptions): Promise<TrainingData> {
  return await knex.transaction(
    async (trx) => {
      const maxViews = options.maxViews ?? MAX_VIEWS
      const expected = await countRows(trx)
      expected.views = Math.min(expected.views, maxViews)
      const total = expected.documents + expected.purchases + expected.views
      let read = 0
      const onRows = (rows: number) => {
        read += rows
        options.onProgress?.(total ? Math.min(1, read / total) : 1)
      }
      const products = new IdIndex()
      const categoryIndex = new IdIndex()
      const page = { pageRows: options.pageRows, onRows }
      const catalog = await readCatalog(trx, products, categoryIndex, options.metadataKeys, page)
      const purchases = await readPurchases(trx, products, expected.purchases, page)
      const views = await readViews(trx, products, expected.views, page, maxViews)

      const nItems = products.size
      const nDocuments = catalog.documents.length
      const documents = catalog.documents
      for (let i = nDocuments; i < nItems; i++) documents.push({})
      const offsets = new Uint32Array(nItems + 1)
      offsets.set(catalog.categoryOffsets)
      offsets.fill(catalog.categoryItems.length, nDocuments + 1)
      const orders = purchases.build(nItems)
      return {
        productIds: products.ids,
        categoryIds: categoryIndex.ids,
        documents,
        categories: { offsets, ids: catalog.categoryItems, values: new Float32Array(catalog.categoryItems.length).fill(1) },
        orders,
        views,
        counts: {
          orders: purchases.orderCount,
          lines: purchases.lineCount,
          products: nItems,
          customers: orders.nCustomers,
          events: views.items.length,
          documents: nDocuments,
        },
        newestSignal: newest(orders.time, views.time),
      }
    },
    { isolationLevel: "repeatable read", readOnly: true }
  )
}

async function countRows(trx: Knex.Transaction): Promise<{ documents: number; purchases: number; views: number }> {
  const [events] = await trx(EVENT_TABLE)
    .whereNull("deleted_at")
    .select(
      trx.raw("count(*) FILTER (WHERE type = 'purchase')::int AS purchases"),
      trx.raw(`count(*) FILTER (WHERE type IN (${VIEW_TYPES.map(() => "?").join(", ")}))::int AS views`, [...VIEW_TYPES])
    )
  const [documents] = await trx(DOCUMENT_TABLE).whereNull("deleted_at").count<{ count: string }[]>("* as count")
  return { documents: Number(documents.count), purchases: events.purchases, views: events.views }
}

function newest(...times: Float64Array[]): number | null {
  let t = -Infinity
  for (const list of times) for (let i = 0; i < list.length; i++) if (list[i] > t) t = list[i]
  return Number.isFinite(t) ? t : null
}
