/**
 * The reads serving makes on the module's tables through a plain knex: cheap change checks
 * (current version, product documents' stamp), the documents themselves, and a shopper's history.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { VERSION_TABLE } from "../utils/model-store"
import type { ServingDocument } from "./catalogue"
import type { HistoryType } from "./params"

const DOCUMENT_TABLE = "recommendation_product_document"
const EVENT_TABLE = "recommendation_interaction_event"

/** The current model version's number, 0 when none is current. */
export async function readCurrentVersion(knex: Knex): Promise<number> {
  const row = await knex(VERSION_TABLE).where({ is_current: true }).whereNull("deleted_at").first(["version"])
  return row ? Number(row.version) : 0
}

/** Changes whenever a document is written, soft-deleted or removed. */
export async function readDocumentsStamp(knex: Knex): Promise<string> {
  const row = await knex(DOCUMENT_TABLE)
    .first(knex.raw("count(*) as n, max(updated_at) as updated, max(deleted_at) as deleted"))
  return `${row.n}|${new Date(row.updated ?? 0).getTime()}|${new Date(row.deleted ?? 0).getTime()}`
}

/** Rows per read of the documents: parsing one result blocks the server's event loop. */
const DOCUMENT_PAGE = 500

export async function readServingDocuments(knex: Knex): Promise<ServingDocument[]> {
  const documents: ServingDocument[] = []
  for (let after = ""; ; ) {
    const page: ServingDocument[] = await knex(DOCUMENT_TABLE)
      .whereNull("deleted_at")
      .where("product_id", ">", after)
      .orderBy("product_id")
      .limit(DOCUMENT_PAGE)
      .select(["product_id", "title", "status", "sales_channel_ids", "categories", "tags", "collection_id", "type_id", "price", "created_at_source"])
    documents.push(...page)
    if (page.length < DOCUMENT_PAGE) return documents
    after = page[page.length - 1].product_id
  }
}

/** Whose history: a logged-in customer's, else the storefront session's. */
export interface Shopper {
  customer_id?: string
  session_id?: string
}

export interface HistoryEvent {
  product_id: string
  type: HistoryType
  occurred_at: Date
}

function byShopper(query: Knex.QueryBuilder, shopper: Shopper) {
  return shopper.customer_id ? query.where({ customer_id: shopper.customer_id }) : query.where({ session_id: shopper.session_id })
}

/** The shopper's newest events of the given types, newest first. */
export async function readShopperHistory(knex: Knex, shopper: Shopper, types: HistoryType[], limit: number): Promise<HistoryEvent[]> {
  if (!shopper.customer_id && !shopper.session_id) return []
  return await byShopper(knex(EVENT_TABLE).select(["product_id", "type", "occurred_at"]), shopper)
    .whereIn("type", types)
    .orderBy("occurred_at", "desc")
    .limit(limit)
}

/** Distinct products the shopper viewed, most recently viewed first. */
export async function readRecentlyViewed(knex: Knex, shopper: Shopper, limit: number): Promise<{ product_id: string; viewed_at: Date }[]> {
  if (!shopper.customer_id && !shopper.session_id) return []
  return await byShopper(knex(EVENT_TABLE), shopper)
    .where({ type: "view" })
    .groupBy("product_id")
    .select(["product_id", knex.raw("max(occurred_at) as viewed_at")])
    .orderBy("viewed_at", "desc")
    .limit(limit)
}
