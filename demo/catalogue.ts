/**
 * The demo store's data, from UCI Online Retail: its products and orders in the exchange format
 * (products.csv, orders.csv: what a merchant moving from another platform imports) and its
 * customers (customers.json, created in the store before the import so that orders find them).
 * Products get store-like titles, a description, a category and tags read from the source's
 * descriptions, and their median price; postage, fees and vouchers (stock codes that are not
 * merchandise) are left out.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs"
import path from "path"
import { parseCsv, readText } from "../src/exchange/csv"
import { convertOnlineRetail, csvField } from "../src/exchange/online-retail"
import { categoryOf, tagsOf } from "./taxonomy"

export type DemoCustomer = {
  /** Online Retail's CustomerID: the customer's `metadata.external_id`, matched by the import. */
  external_id: string
  email: string
  first_name: string
  last_name: string
  orders: number
}

/** Merchandise has a numeric stock code; POST, DOT, M, BANK CHARGES, gift_... are not products. */
const isMerchandise = (productId: string) => /^\d/.test(productId)

const FIRST = ["Alice", "Ben", "Chloe", "Daniel", "Emma", "Finn", "Grace", "Harry", "Isla", "Jack", "Lucy", "Max", "Nora", "Oscar", "Poppy", "Sam", "Tess", "Will"]
const LAST = ["Archer", "Bennett", "Carter", "Dawson", "Ellis", "Fletcher", "Gray", "Hughes", "Irving", "Jones", "Knight", "Lawson", "Morgan", "Nash", "Owens", "Price", "Reed", "Shaw"]

/** "WHITE HANGING HEART T-LIGHT HOLDER" -> "White Hanging Heart T-Light Holder" */
export function storeTitle(title: string): string {
  return title
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase()
    .replace(/(^|[\s\-/(+&])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase())
}

export type DemoData = { dir: string; products: number; orders: number; customers: DemoCustomer[] }

/**
 * Writes the demo's files under `dir` (kept: a second run reads them back). `maxOrders` keeps
 * only the newest orders and their products (a smaller store, for tests).
 */
export function prepareDemoData(source: string, dir: string, maxOrders?: number): DemoData {
  const done = path.join(dir, "customers.json")
  if (!existsSync(done)) {
    const converted = path.join(dir, "converted")
    convertOnlineRetail(source, converted)
    const sourceProducts = readSourceProducts(path.join(converted, "products.csv"))
    const kept = writeOrders(path.join(converted, "orders.csv"), path.join(dir, "orders.csv"), sourceProducts, maxOrders)
    writeProducts(sourceProducts, path.join(dir, "products.csv"), kept.products)
    rmSync(converted, { recursive: true, force: true })
    // Written last, through a rename: its presence says the folder is complete.
    writeFileSync(`${done}.tmp`, JSON.stringify(customersOf(kept.customerOrders)))
    renameSync(`${done}.tmp`, done)
  }
  const customers: DemoCustomer[] = JSON.parse(readFileSync(done, "utf8"))
  let products = -1
  parseCsv(readText(path.join(dir, "products.csv")), () => products++)
  let orders = 0
  const seen = new Set<string>()
  parseCsv(readText(path.join(dir, "orders.csv")), (f) => {
    if (!seen.has(f[0])) (seen.add(f[0]), orders++)
  })
  return { dir, products: products + 1, orders, customers }
}

type SourceProduct = { title: string; price: string }

/** The converted products that are merchandise and have a title. */
function readSourceProducts(from: string): Map<string, SourceProduct> {
  const products = new Map<string, SourceProduct>()
  parseCsv(readText(from), (f, _line, header) => {
    const field = (name: string) => f[header.indexOf(name)] ?? ""
    if (isMerchandise(field("product_id")) && field("title").trim()) products.set(field("product_id"), { title: field("title"), price: field("price") })
  })
  return products
}

/** The lines of those products in the newest `maxOrders` orders (all when undefined). */
function writeOrders(from: string, to: string, sourceProducts: Map<string, SourceProduct>, maxOrders?: number) {
  const lines: { order: string; customer: string; product: string; line: string }[] = []
  parseCsv(readText(from), (f) => {
    const [order, customer, product] = f
    if (sourceProducts.has(product)) lines.push({ order, customer, product, line: f.map(csvField).join(",") })
  })
  // The converter writes orders as they come in the source, oldest first.
  const orderIds = [...new Set(lines.map((l) => l.order))]
  const keep = new Set(maxOrders === undefined ? orderIds : orderIds.slice(-maxOrders))
  const products = new Set<string>()
  const customerOrders = new Map<string, Set<string>>()
  const out = ["order_id,customer_id,product_id,timestamp,quantity"]
  for (const l of lines) {
    if (!keep.has(l.order)) continue
    out.push(l.line)
    products.add(l.product)
    if (l.customer) (customerOrders.get(l.customer) ?? customerOrders.set(l.customer, new Set()).get(l.customer)!).add(l.order)
  }
  mkdirSync(path.dirname(to), { recursive: true })
  writeFileSync(to, out.join("\n") + "\n")
  return { products, customerOrders }
}

function writeProducts(sourceProducts: Map<string, SourceProduct>, to: string, products: Set<string>) {
  const out = ["product_id,title,description,categories,tags,price"]
  for (const id of products) {
    const source = sourceProducts.get(id)!
    const title = storeTitle(source.title)
    const category = categoryOf(source.title)
    const tags = tagsOf(source.title)
    const description = `${title}, from our ${category.toLowerCase()} range${tags.length ? ` (${tags.join(", ")})` : ""}.`
    out.push([id, title, description, category, tags.join(";"), source.price].map(csvField).join(","))
  }
  writeFileSync(to, out.join("\n") + "\n")
}

/** Every customer with an order, busiest first, with a name and an email of their own. */
function customersOf(customerOrders: Map<string, Set<string>>): DemoCustomer[] {
  return [...customerOrders]
    .map(([id, orders]) => {
      const n = Number(id) || id.length
      const first_name = FIRST[n % FIRST.length]
      const last_name = LAST[Math.floor(n / FIRST.length) % LAST.length]
      return {
        external_id: id,
        email: `${first_name}.${last_name}.${id}@example.com`.toLowerCase(),
        first_name,
        last_name,
        orders: orders.size,
      }
    })
    .sort((a, b) => b.orders - a.orders || a.external_id.localeCompare(b.external_id))
}
