/**
 * Converts UCI Online Retail (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
 * CustomerID,Country) to the exchange format: cancellations ("C" invoices) and non-positive
 * quantities dropped, StockCode upper-cased as product id, first non-empty Description as title,
 * and the median UnitPrice of the kept lines as an extra `price` column (the evaluation ignores it;
 * the import gives created products that price).
 */
import { mkdirSync, writeFileSync } from "fs"
import { join } from "path"
import { columns, parseCsv, readText } from "./csv"

const SOURCE_COLUMNS = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"] as const

export interface ConversionSummary {
  lines: number
  kept: number
  cancelled: number
  nonPositive: number
  /** Rows with fields missing (stock code, invoice, short rows) or a date that cannot be read. */
  malformed: number
  products: number
}

/** "2010-12-01 08:26:00" or the original export's "12/1/2010 8:26" as ISO 8601 UTC; "" when unreadable. */
export function isoTime(s: string): string {
  const t = s.trim()
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t)
  const iso = us
    ? `${us[3]}-${us[1].padStart(2, "0")}-${us[2].padStart(2, "0")}T${us[4].padStart(2, "0")}:${us[5]}:${us[6] ?? "00"}Z`
    : t.replace(" ", "T") + (/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(t) ? "" : "Z")
  return Number.isNaN(Date.parse(iso)) ? "" : iso
}

export function convertOnlineRetail(input: string, outDir: string): ConversionSummary {
  const out: string[] = ["order_id,customer_id,product_id,timestamp,quantity"]
  const titles = new Map<string, string>()
  const prices = new Map<string, number[]>()
  const summary: ConversionSummary = { lines: 0, kept: 0, cancelled: 0, nonPositive: 0, malformed: 0, products: 0 }
  let col: Record<(typeof SOURCE_COLUMNS)[number], number> | null = null
  const header = parseCsv(readText(input), (f, _line, header) => {
    col ??= columns(header, SOURCE_COLUMNS, input)
    const field = (name: (typeof SOURCE_COLUMNS)[number]) => (f[col![name]] ?? "").trim()
    summary.lines++
    const product = field("StockCode").toUpperCase()
    const invoice = field("InvoiceNo")
    if (!product || !invoice || f.length < header.length) return void summary.malformed++
    const description = field("Description")
    if (description && !titles.get(product)) titles.set(product, description)
    else if (!titles.has(product)) titles.set(product, "")
    if (invoice.startsWith("C")) return void summary.cancelled++
    const quantity = Number(field("Quantity"))
    if (!(quantity > 0)) return void summary.nonPositive++
    const time = isoTime(field("InvoiceDate"))
    if (!time) return void summary.malformed++
    const customer = field("CustomerID").replace(/\.0$/, "")
    const price = Number(field("UnitPrice"))
    if (price > 0) (prices.get(product) ?? prices.set(product, []).get(product)!).push(price)
    out.push(`${csvField(invoice)},${csvField(customer)},${csvField(product)},${time},${quantity}`)
    summary.kept++
  })
  if (!col) columns(header, SOURCE_COLUMNS, input)
  const products: string[] = ["product_id,title,description,categories,tags,price"]
  for (const [id, title] of titles) products.push(`${csvField(id)},${csvField(title)},,,,${median(prices.get(id))}`)
  summary.products = titles.size
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, "orders.csv"), out.join("\n") + "\n")
  writeFileSync(join(outDir, "products.csv"), products.join("\n") + "\n")
  return summary
}

/** The middle price (the lower of the two middle ones), "" for none. */
function median(values: number[] | undefined): string {
  if (!values?.length) return ""
  values.sort((a, b) => a - b)
  return String(values[(values.length - 1) >> 1])
}

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
