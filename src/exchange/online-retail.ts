/**
 * Converts UCI Online Retail (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
 * CustomerID,Country) to the exchange format: cancellations ("C" invoices) and non-positive
 * quantities dropped, StockCode upper-cased as product id, first non-empty Description as title.
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
  products: number
}

export function convertOnlineRetail(input: string, outDir: string): ConversionSummary {
  const out: string[] = ["order_id,customer_id,product_id,timestamp,quantity"]
  const titles = new Map<string, string>()
  const summary: ConversionSummary = { lines: 0, kept: 0, cancelled: 0, nonPositive: 0, products: 0 }
  let col: Record<(typeof SOURCE_COLUMNS)[number], number> | null = null
  parseCsv(readText(input), (f, _line, header) => {
    col ??= columns(header, SOURCE_COLUMNS, input)
    summary.lines++
    const product = f[col.StockCode].trim().toUpperCase()
    const description = f[col.Description].trim()
    if (product && description && !titles.get(product)) titles.set(product, description)
    else if (product && !titles.has(product)) titles.set(product, "")
    const invoice = f[col.InvoiceNo].trim()
    if (invoice.startsWith("C")) return void summary.cancelled++
    const quantity = Number(f[col.Quantity])
    if (!(quantity > 0)) return void summary.nonPositive++
    const customer = f[col.CustomerID].trim().replace(/\.0$/, "")
    const time = f[col.InvoiceDate].trim().replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(f[col.InvoiceDate]) ? "" : "Z")
    out.push(`${csvField(invoice)},${csvField(customer)},${csvField(product)},${time},${quantity}`)
    summary.kept++
  })
  const products: string[] = ["product_id,title,description,categories,tags"]
  for (const [id, title] of titles) products.push(`${csvField(id)},${csvField(title)},,,`)
  summary.products = titles.size
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, "orders.csv"), out.join("\n") + "\n")
  writeFileSync(join(outDir, "products.csv"), products.join("\n") + "\n")
  return summary
}

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
