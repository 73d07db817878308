/**
 * Brings a shop's history in the exchange format (products.csv, orders.csv; see
 * shared/EVALUATION.md) into a Medusa store: the products it lacks are created through Medusa's
 * own workflow (matched by `external_id` = the exchange product_id, so a second import creates
 * nothing), and every order line becomes a purchase event of the recommendations module
 * (idempotent per order and product); the products' documents are written before it returns.
 * This is the path of a merchant moving from another
 * platform, and of the demo store.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/core-flows"
import type { ExchangeData } from "../exchange/read"
import { refreshProductDocumentsWorkflow } from "../workflows/refresh-product-documents"
import type { RecordEventInput, RecommendationsModuleService } from "../modules/recommendations"

export type ExchangeImportOptions = {
  /** Sales channel the created products are published in. */
  salesChannelId: string
  /** Price of each created product's single variant, in `currencyCode`'s main unit. */
  price: (productIndex: number) => number
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
  purchasesRecorded: number
}

const handleOf = (exchangeId: string) => `p-${exchangeId.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`

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
  let productsCreated = 0
  for (let i = 0; i < missing.length; i += productBatch) {
    const batch = missing.slice(i, i + productBatch)
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: batch.map((index) => {
          const document = data.documents[index]
          const exchangeId = data.productIds[index]
          return {
            title: document.title || exchangeId,
            description: document.description || undefined,
            handle: handleOf(exchangeId),
            external_id: exchangeId,
            status: "published" as const,
            sales_channels: [{ id: options.salesChannelId }],
            options: [{ title: "Default", values: ["Default"] }],
            variants: [
              {
                title: "Default",
                sku: exchangeId,
                options: { Default: "Default" },
                manage_inventory: false,
                prices: [{ amount: options.price(index), currency_code: options.currencyCode }],
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
        customer_id: customer >= 0 ? `exchange:${customerIds[customer]}` : null,
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
  return { productIds, productsCreated, purchasesRecorded }
}
