/**
 * Reads the exchange format (orders.csv + products.csv, see the README's "Offline evaluation")
 * into the engine's shapes. Malformed rows are counted, not fatal; a missing file or column throws.
 */
import { existsSync } from "fs"
import { join } from "path"
import type { Orders, ProductDocument } from "../engine/types"
import { columns, InputError, parseCsv, readText } from "./csv"

export const ORDER_COLUMNS = ["order_id", "customer_id", "product_id", "timestamp", "quantity"] as const
export const PRODUCT_COLUMNS = ["product_id", "title", "description", "categories", "tags"] as const
/** Optional in products.csv: the price a product created by an import gets (the evaluation ignores it). */
export const PRICE_COLUMN = "price"

export interface ExchangeData {
  /** Item index -> product_id, in product id order (products.csv's and those seen only in orders). */
  productIds: string[]
  documents: ProductDocument[]
  /** Item index -> products.csv's `price`; NaN when the column, the value or the product's row is missing. */
  prices: Float64Array
  customerIds: string[]
  /** Orders sorted by (time, order_id), the order the evaluation protocol splits in. */
  orders: Orders
  orderIds: string[]
  malformed: { orders: number; products: number; examples: string[] }
}

const MAX_EXAMPLES = 5

export function readExchange(dir: string): ExchangeData {
  const ordersPath = join(dir, "orders.csv")
  const productsPath = join(dir, "products.csv")
  for (const p of [ordersPath, productsPath]) {
    if (!existsSync(p)) throw new InputError(`missing file: ${p}`)
  }
  const malformed = { orders: 0, products: 0, examples: [] as string[] }
  const note = (file: string, line: number, why: string) => {
    if (malformed.examples.length < MAX_EXAMPLES) malformed.examples.push(`${file}:${line}: ${why}`)
  }

  const productIndex = new Map<string, number>()
  const productIds: string[] = []
  const documents: ProductDocument[] = []
  const priceOf = new Map<number, number>()
  const itemOf = (id: string): number => {
    let i = productIndex.get(id)
    if (i === undefined) {
      i = productIds.length
      productIndex.set(id, i)
      productIds.push(id)
      documents.push({})
    }
    return i
  }
  const list = (s: string | undefined) => (s ? s.split(";").map((x) => x.trim()).filter(Boolean) : [])

  withHeader(productsPath, PRODUCT_COLUMNS, (col, fields, line, header) => {
    const id = (fields[col.product_id] ?? "").trim()
    if (!id) {
      malformed.products++
      note("products.csv", line, "empty product_id")
      return
    }
    const item = itemOf(id)
    const price = (fields[header.indexOf(PRICE_COLUMN)] ?? "").trim()
    if (price !== "" && Number(price) >= 0) priceOf.set(item, Number(price))
    documents[item] = {
      title: fields[col.title] || undefined,
      description: fields[col.description] || undefined,
      categories: list(fields[col.categories]),
      tags: list(fields[col.tags]),
    }
  })

  // Order lines, grouped by order id as they come.
  const orderIndex = new Map<string, number>()
  const orderIds: string[] = []
  const orderTime: number[] = []
  const orderCustomer: string[] = []
  const lineOrder: number[] = []
  const lineItem: number[] = []
  const lineQuantity: number[] = []
  withHeader(ordersPath, ORDER_COLUMNS, (col, fields, line) => {
    const orderId = (fields[col.order_id] ?? "").trim()
    const productId = (fields[col.product_id] ?? "").trim()
    const time = Date.parse((fields[col.timestamp] ?? "").trim())
    const q = (fields[col.quantity] ?? "").trim()
    const quantity = q === "" ? 1 : Number(q)
    const why = !orderId
      ? "empty order_id"
      : !productId
        ? "empty product_id"
        : Number.isNaN(time)
          ? `unparsable timestamp "${fields[col.timestamp] ?? ""}"`
          : !Number.isFinite(quantity)
            ? `unparsable quantity "${q}"`
            : null
    if (why) {
      malformed.orders++
      note("orders.csv", line, why)
      return
    }
    let o = orderIndex.get(orderId)
    if (o === undefined) {
      o = orderIds.length
      orderIndex.set(orderId, o)
      orderIds.push(orderId)
      orderTime.push(time)
      orderCustomer.push("")
    } else if (time < orderTime[o]) orderTime[o] = time
    const customer = (fields[col.customer_id] ?? "").trim()
    if (customer && !orderCustomer[o]) orderCustomer[o] = customer
    lineOrder.push(o)
    lineItem.push(itemOf(productId))
    lineQuantity.push(quantity)
  })

  // Items are indexed in product id order, as the store indexes its catalogue (see
  // src/training/read-catalog.ts): the engine breaks ties by index, so equal scores rank alike
  // here and in production, and like the protocol's popularity (ties by product id).
  const byId = productIds.map((_, i) => i).sort((a, b) => (productIds[a] < productIds[b] ? -1 : productIds[a] > productIds[b] ? 1 : 0))
  const itemIndex = new Uint32Array(productIds.length)
  byId.forEach((old, i) => (itemIndex[old] = i))
  for (let l = 0; l < lineItem.length; l++) lineItem[l] = itemIndex[lineItem[l]]

  // Sort orders by (time, order_id as a string), then lay out baskets with distinct items.
  const nOrders = orderIds.length
  const rank = Array.from({ length: nOrders }, (_, i) => i).sort(
    (a, b) => orderTime[a] - orderTime[b] || (orderIds[a] < orderIds[b] ? -1 : orderIds[a] > orderIds[b] ? 1 : 0)
  )
  const position = new Uint32Array(nOrders)
  rank.forEach((o, p) => (position[o] = p))
  const count = new Uint32Array(nOrders + 1)
  for (const o of lineOrder) count[position[o] + 1]++
  for (let p = 0; p < nOrders; p++) count[p + 1] += count[p]
  const fill = count.slice(0, nOrders)
  const rawItems = new Uint32Array(lineOrder.length)
  const rawQuantity = new Float32Array(lineOrder.length)
  for (let l = 0; l < lineOrder.length; l++) {
    const at = fill[position[lineOrder[l]]]++
    rawItems[at] = lineItem[l]
    rawQuantity[at] = lineQuantity[l]
  }
  const customerIndex = new Map<string, number>()
  const customerIds: string[] = []
  const offsets = new Uint32Array(nOrders + 1)
  const items = new Uint32Array(lineOrder.length)
  const quantities = new Float32Array(lineOrder.length)
  const time = new Float64Array(nOrders)
  const customer = new Int32Array(nOrders)
  const seen = new Int32Array(productIds.length).fill(-1)
  const slot = new Uint32Array(productIds.length)
  let n = 0
  for (let p = 0; p < nOrders; p++) {
    const o = rank[p]
    for (let l = count[p]; l < count[p + 1]; l++) {
      const item = rawItems[l]
      if (seen[item] === p) {
        quantities[slot[item]] += rawQuantity[l]
        continue
      }
      seen[item] = p
      slot[item] = n
      items[n] = item
      quantities[n++] = rawQuantity[l]
    }
    offsets[p + 1] = n
    time[p] = orderTime[o]
    const c = orderCustomer[o]
    if (!c) customer[p] = -1
    else {
      let ci = customerIndex.get(c)
      if (ci === undefined) {
        ci = customerIds.length
        customerIndex.set(c, ci)
        customerIds.push(c)
      }
      customer[p] = ci
    }
  }
  const prices = new Float64Array(productIds.length).fill(NaN)
  for (const [item, price] of priceOf) prices[itemIndex[item]] = price
  return {
    productIds: byId.map((i) => productIds[i]),
    documents: byId.map((i) => documents[i]),
    prices,
    customerIds,
    orderIds: rank.map((o) => orderIds[o]),
    orders: {
      nItems: productIds.length,
      nCustomers: customerIds.length,
      offsets,
      items: items.slice(0, n),
      quantities: quantities.slice(0, n),
      time,
      customer,
    },
    malformed,
  }
}

function withHeader<K extends string>(
  path: string,
  wanted: readonly K[],
  onRow: (col: Record<K, number>, fields: string[], line: number, header: string[]) => void
) {
  const file = path.split("/").pop()!
  let text: string
  try {
    text = readText(path)
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as Error).message}`)
  }
  if (text.trim() === "") throw new InputError(`${file} is empty: expected a header row`)
  let col: Record<K, number> | null = null
  const header = parseCsv(text, (fields, line, header) => {
    col ??= columns(header, wanted, file)
    onRow(col, fields, line, header)
  })
  // A file with a header and no rows still has to have the right columns.
  if (!col) columns(header, wanted, file)
}
