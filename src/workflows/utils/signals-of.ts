/**
 * What the plugin reads of Medusa's orders and products, and how it turns them into its own
 * records: purchase events and product documents.
 */
import type { RemoteQueryFunction } from "@medusajs/framework/types"
import type { ProductDocumentInput, RecordEventInput } from "../../modules/recommendations"

export const ORDER_FIELDS = [
  "id",
  "customer_id",
  "sales_channel_id",
  "created_at",
  "items.product_id",
  "items.variant_id",
  // A line's quantity lives on its order item (`detail`): without it, `quantity` is not computed.
  "items.quantity",
  "items.detail.quantity",
]

/** Orders that are purchases: not drafts, not canceled. */
export const PURCHASE_ORDER_FILTERS = { status: { $nin: ["draft", "canceled"] }, is_draft_order: false }

export const PRODUCT_FIELDS = [
  "id",
  "title",
  "subtitle",
  "description",
  "handle",
  "status",
  "metadata",
  "created_at",
  "deleted_at",
  "type.id",
  "type.value",
  "collection.id",
  "collection.title",
  "categories.id",
  "categories.name",
  "tags.id",
  "tags.value",
  "sales_channels.id",
  "variants.prices.amount",
  "variants.prices.currency_code",
]

type GraphStore = {
  supported_currencies?: ({ currency_code: string; is_default?: boolean | null } | null)[] | null
}

/** The store's default currency, in which documents keep each product's lowest price. */
export async function defaultCurrency(query: Pick<RemoteQueryFunction, "graph">): Promise<string | null> {
  const { data } = await query.graph({
    entity: "store",
    fields: ["supported_currencies.currency_code", "supported_currencies.is_default"],
  })
  const currencies = (data as GraphStore[])[0]?.supported_currencies ?? []
  return (currencies.find((c) => c?.is_default) ?? currencies[0])?.currency_code ?? null
}

export type GraphOrder = {
  id: string
  customer_id?: string | null
  sales_channel_id?: string | null
  created_at: Date | string
  items?: ({ product_id?: string | null; variant_id?: string | null; quantity?: unknown } | null)[] | null
}

export type GraphProduct = {
  id: string
  title: string
  subtitle?: string | null
  description?: string | null
  handle?: string | null
  status: string
  metadata?: Record<string, unknown> | null
  created_at: Date | string
  deleted_at?: Date | string | null
  type?: { id: string; value?: string | null } | null
  collection?: { id: string; title?: string | null } | null
  categories?: ({ id: string; name: string } | null)[] | null
  tags?: ({ id: string; value: string } | null)[] | null
  sales_channels?: ({ id: string } | null)[] | null
  variants?: ({ prices?: ({ amount: unknown; currency_code: string } | null)[] | null } | null)[] | null
}

function lowestPrice(product: GraphProduct, currencyCode: string | null): number | null {
  let lowest: number | null = null
  for (const variant of product.variants ?? []) {
    for (const price of variant?.prices ?? []) {
      const amount = Number(price?.amount)
      if (price?.currency_code === currencyCode && Number.isFinite(amount) && (lowest === null || amount < lowest)) lowest = amount
    }
  }
  return lowest
}

/** One purchase per order line with a product (custom lines have none); recordEvents merges a product's lines. */
export function purchasesOf(order: GraphOrder): RecordEventInput[] {
  const purchases: RecordEventInput[] = []
  for (const item of order.items ?? []) {
    if (!item?.product_id) continue
    const quantity = Math.max(1, Math.round(Number(item.quantity ?? 1)) || 1)
    purchases.push({
      type: "purchase",
      product_id: item.product_id,
      variant_id: item.variant_id ?? null,
      order_id: order.id,
      customer_id: order.customer_id ?? null,
      sales_channel_id: order.sales_channel_id ?? null,
      quantity,
      occurred_at: order.created_at,
    })
  }
  return purchases
}

export function productDocumentOf(product: GraphProduct, currencyCode: string | null): ProductDocumentInput {
  return {
    product_id: product.id,
    title: product.title,
    subtitle: product.subtitle ?? null,
    description: product.description ?? null,
    handle: product.handle ?? null,
    type: product.type?.value ?? null,
    collection: product.collection?.title ?? null,
    collection_id: product.collection?.id ?? null,
    type_id: product.type?.id ?? null,
    price: lowestPrice(product, currencyCode),
    categories: (product.categories ?? []).flatMap((c) => (c ? [{ id: c.id, name: c.name }] : [])),
    tags: (product.tags ?? []).flatMap((t) => (t ? [{ id: t.id, value: t.value }] : [])),
    status: product.status,
    sales_channel_ids: (product.sales_channels ?? []).flatMap((s) => (s ? [s.id] : [])),
    created_at_source: product.created_at,
    metadata: product.metadata ?? null,
  }
}
