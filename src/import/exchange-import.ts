/**
 * Brings a shop's history in the exchange format (products.csv, orders.csv; see
 * shared/EVALUATION.md) into a Medusa store: the products it lacks are created through Medusa's
 * own workflows (matched by `external_id` = the exchange product_id, so a second import creates
 * nothing), in categories and with tags found by name or created; every order line becomes a
 * purchase event of the recommendations module (idempotent per order and product), attributed to
 * the store's customer whose email or `metadata.external_id` is the line's customer_id (else to
 * an imported shopper, `exchange:<id>`, who still teaches co-purchases); the products' documents
 * are written before it returns. This is the path of a merchant moving from another platform
 * (src/scripts/import-orders.ts), and of the demo store.
 */
import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createProductCategoriesWorkflow, createProductsWorkflow, createProductTagsWorkflow } from "@medusajs/core-flows"
import type { ExchangeData } from "../exchange/read"
import { refreshProductDocumentsWorkflow } from "../workflows/refresh-product-documents"
import type { RecordEventInput, RecommendationsModuleService } from "../modules/recommendations"

export type ExchangeImportOptions = {
  /** Sales channel the created products are published in. */
  salesChannelId: string
  /**
   * Price of a created product's single variant, in `currencyCode`'s main unit, when products.csv
   * gives none (without either, the variant has no price until the merchant sets one).
   */
  price?: (productIndex: number) => number
  currencyCode: string
  /** Products per workflow run. */
  productBatch?: number
  /** Purchase events per insert. */
  eventBatch?: number
  onProgress?: (stage: "products" | "orders", done: number, total: number) => void
}

export type ExchangeImportResult = {
  /** Exchange product_id -> Medusa product id. */
  productIds: Map<string, string>
  productsCreated: number
  categoriesCreated: number
  tagsCreated: number
  purchasesRecorded: number
  /** Exchange customers found among the store's customers. */
  customersMatched: number
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
const handleOf = (exchangeId: string) => `p-${slug(exchangeId)}`
const PAGE = 1000

type Query = Omit<RemoteQueryFunction, symbol>

/** Every row of an entity, a page at a time. */
async function listAll(query: Query, entity: string, fields: string[], filters: Record<string, unknown> = {}): Promise<any[]> {
  const rows: any[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.graph({ entity: entity as "product", fields, filters, pagination: { skip, take: PAGE } })
    rows.push(...data)
    if (data.length < PAGE) return rows
  }
}

/** The ids of the named categories and tags the created products need, created when missing. */
async function ensureTaxonomy(container: MedusaContainer, query: Query, categories: Set<string>, tags: Set<string>) {
  const categoryIds = new Map<string, string>()
  for (const c of await listAll(query, "product_category", ["id", "name"], { name: [...categories] })) categoryIds.set(c.name, c.id)
  const newCategories = [...categories].filter((name) => !categoryIds.has(name))
  if (newCategories.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: { product_categories: newCategories.map((name) => ({ name, handle: slug(name), is_active: true })) },
    })
    for (const c of result) categoryIds.set(c.name, c.id)
  }
  const tagIds = new Map<string, string>()
  for (const t of await listAll(query, "product_tag", ["id", "value"], { value: [...tags] })) tagIds.set(t.value, t.id)
  const newTags = [...tags].filter((value) => !tagIds.has(value))
  if (newTags.length) {
    const { result } = await createProductTagsWorkflow(container).run({ input: { product_tags: newTags.map((value) => ({ value })) } })
    for (const t of result) tagIds.set(t.value, t.id)
  }
  return { categoryIds, tagIds, categoriesCreated: newCategories.length, tagsCreated: newTags.length }
}

/** Exchange customer_id -> the store's customer id, by email or metadata.external_id. */
async function storeCustomers(query: Query): Promise<Map<string, string>> {
  const byExchangeId = new Map<string, string>()
  for (const c of await listAll(query, "customer", ["id", "email", "metadata"])) {
    if (c.email) byExchangeId.set(String(c.email).toLowerCase(), c.id)
    const external = c.metadata?.external_id
    if (external !== undefined && external !== null) byExchangeId.set(String(external), c.id)
  }
  return byExchangeId
}

export async function importExchange(
  container: MedusaContainer,
  data: ExchangeData,
  options: ExchangeImportOptions
): Promise<ExchangeImportResult> {
  const { productBatch = 200, eventBatch = 10_000, onProgress } = options
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const recommendations = container.resolve<RecommendationsModuleService>("recommendations")

  const productIds = new Map<string, string>()
  for (let i = 0; i < data.productIds.length; i += 1000) {
    const { data: existing } = await query.graph({
      entity: "product",
      fields: ["id", "external_id"],
      filters: { external_id: data.productIds.slice(i, i + 1000) },
    })
    for (const product of existing) if (product.external_id) productIds.set(product.external_id, product.id)
  }

  const missing = data.productIds.map((_, index) => index).filter((index) => !productIds.has(data.productIds[index]))
  const { categoryIds, tagIds, categoriesCreated, tagsCreated } = await ensureTaxonomy(
    container,
    query,
    new Set(missing.flatMap((index) => data.documents[index].categories ?? [])),
    new Set(missing.flatMap((index) => data.documents[index].tags ?? []))
  )
  const priceOf = (index: number) => (Number.isFinite(data.prices[index]) ? data.prices[index] : options.price?.(index))
  let productsCreated = 0
  for (let i = 0; i < missing.length; i += productBatch) {
    const batch = missing.slice(i, i + productBatch)
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: batch.map((index) => {
          const document = data.documents[index]
          const exchangeId = data.productIds[index]
          const price = priceOf(index)
          return {
            title: document.title || exchangeId,
            description: document.description || undefined,
            handle: handleOf(exchangeId),
            external_id: exchangeId,
            status: "published" as const,
            sales_channels: [{ id: options.salesChannelId }],
            category_ids: (document.categories ?? []).map((name) => categoryIds.get(name)!),
            tag_ids: (document.tags ?? []).map((value) => tagIds.get(value)!),
            options: [{ title: "Default", values: ["Default"] }],
            variants: [
              {
                title: "Default",
                sku: exchangeId,
                options: { Default: "Default" },
                manage_inventory: false,
                prices: price === undefined ? [] : [{ amount: price, currency_code: options.currencyCode }],
              },
            ],
          }
        }),
      },
    })
    for (const product of result) productIds.set(product.external_id!, product.id)
    productsCreated += result.length
    onProgress?.("products", productsCreated, missing.length)
  }

  const { orders, orderIds, customerIds } = data
  const known = await storeCustomers(query)
  const customerOf = customerIds.map((id) => known.get(id) ?? known.get(id.toLowerCase()) ?? `exchange:${id}`)
  const nOrders = orders.offsets.length - 1
  let purchasesRecorded = 0
  let batch: RecordEventInput[] = []
  const flush = async () => {
    if (!batch.length) return
    purchasesRecorded += (await recommendations.recordEvents(batch)).recorded
    batch = []
  }
  for (let o = 0; o < nOrders; o++) {
    const customer = orders.customer[o]
    for (let l = orders.offsets[o]; l < orders.offsets[o + 1]; l++) {
      batch.push({
        type: "purchase",
        product_id: productIds.get(data.productIds[orders.items[l]])!,
        order_id: `exchange:${orderIds[o]}`,
        customer_id: customer >= 0 ? customerOf[customer] : null,
        quantity: Math.max(1, Math.round(orders.quantities[l])),
        occurred_at: orders.time[o],
      })
    }
    if (batch.length >= eventBatch) {
      await flush()
      onProgress?.("orders", o + 1, nOrders)
    }
  }
  await flush()
  onProgress?.("orders", nOrders, nOrders)
  // Every product's document now, not only as product.created subscribers get to them.
  await refreshProductDocumentsWorkflow(container).run({ input: {} })
  const customersMatched = customerOf.filter((id) => !id.startsWith("exchange:")).length
  return { productIds, productsCreated, categoriesCreated, tagsCreated, purchasesRecorded, customersMatched }
}
