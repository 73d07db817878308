/**
 * Small and sparse shops cut from Online Retail (one country, one month, 300 consecutive orders):
 * the hybrid against popularity on both tasks, with the number of cases behind each figure. A
 * 300-order shop has a handful of for-you cases at most, so such shops are also measured as many
 * windows: their signs, and all their cases pooled, with the noise.
 */
import { convertOnlineRetail } from "../exchange/online-retail"
import { parseCsv, readText } from "../exchange/csv"
import { readExchange, type ExchangeData } from "../exchange/read"
import { clusteredGain, sliceOrders, unitCollector, type Units } from "../engine/evaluation"
import { offlineEvaluation } from "../engine/offline"
import { CALIBRATION } from "../engine/params"
import type { Orders } from "../engine/types"
import { onlineRetailPath } from "./dataset"
import { existsSync, mkdtempSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"

/** Standard errors a difference must exceed to count, the calibration's own threshold. */
const Z = CALIBRATION.z
/** Strategies whose cases are gathered per unit: popularity first, the reference. */
const COLUMN: Record<string, number> = { popularity: 0, hybrid: 1 }
/** The pooled small shops: `size` consecutive orders, one window every `step` orders. */
const WINDOWS = { size: 300, step: 500 }
type Task = "alsoBought" | "forYou"
/** Z standard errors, "inf" when a single unit gives no measure of the noise. */
const noise = (se: number) => (Number.isFinite(se) ? (Z * se).toFixed(3) : "inf")

/** The orders whose positions `keep` lists, in that order. */
function selectOrders(orders: Orders, keep: number[]): Orders {
  const offsets = new Uint32Array(keep.length + 1)
  for (let i = 0; i < keep.length; i++) offsets[i + 1] = offsets[i] + orders.offsets[keep[i] + 1] - orders.offsets[keep[i]]
  const items = new Uint32Array(offsets[keep.length])
  const quantities = new Float32Array(items.length)
  keep.forEach((o, i) => {
    items.set(orders.items.subarray(orders.offsets[o], orders.offsets[o + 1]), offsets[i])
    quantities.set(orders.quantities.subarray(orders.offsets[o], orders.offsets[o + 1]), offsets[i])
  })
  return {
    ...orders,
    offsets,
    items,
    quantities,
    time: Float64Array.from(keep, (o) => orders.time[o]),
    customer: Int32Array.from(keep, (o) => orders.customer[o]),
  }
}

export async function benchShops(log: (line: string) => void): Promise<void> {
  const source = onlineRetailPath()
  let dir = join(process.cwd(), "data/online-retail")
  if (!existsSync(join(dir, "orders.csv"))) convertOnlineRetail(source, (dir = mkdtempSync(join(tmpdir(), "recs-shops-"))))
  const data = readExchange(dir)
  const country = new Map<string, string>()
  parseCsv(readText(source), (f) => country.set(f[0], f[7]))
  const all = data.orders
  const nOrders = all.time.length
  const where = (pred: (o: number) => boolean) => selectOrders(all, [...Array(nOrders).keys()].filter(pred))

  const shops: [string, Orders][] = [["all of Online Retail", all]]
  const perCountry = new Map<string, number>()
  for (const id of data.orderIds) perCountry.set(country.get(id)!, (perCountry.get(country.get(id)!) ?? 0) + 1)
  for (const [c] of [...perCountry].sort((a, b) => b[1] - a[1]).slice(1, 9)) {
    shops.push([`country ${c}`, where((o) => country.get(data.orderIds[o]) === c)])
  }
  for (const m of ["2011-02", "2011-06", "2011-09", "2011-11"]) shops.push([`month ${m}`, where((o) => new Date(all.time[o]).toISOString().startsWith(m))])
  for (const start of [1000, 8000, 15000]) shops.push([`300 orders from #${start}`, sliceOrders(all, start, start + WINDOWS.size)])

  log(`shops: ndcg@10 of popularity vs hybrid (cases) ± ${Z} standard errors of the difference, clustered by test order (also-bought) or customer (for-you); f = 0.1, k = 10`)
  let below = 0
  let clearlyBelow = 0
  const cell = (task: Record<string, { ndcg: number; cases: number }>, units: Units) => {
    const { gain, se } = clusteredGain(units, COLUMN.hybrid, COLUMN.popularity)
    const mark = task.hybrid.ndcg < task.popularity.ndcg ? (gain + Z * se < 0 ? " BELOW" : " below, within noise") : ""
    if (mark) below++
    if (mark === " BELOW") clearlyBelow++
    return `${task.popularity.ndcg.toFixed(3)} vs ${task.hybrid.ndcg.toFixed(3)} ± ${noise(se)} (${task.hybrid.cases})${mark}`.padEnd(36)
  }
  // Other shops in the exchange format (e.g. a public grocery history), named by $RECS_SHOPS.
  const extras = (process.env.RECS_SHOPS ?? "").split(":").filter(Boolean).map((dir) => [dir, readExchange(dir)] as const)
  const every: [string, Orders, ExchangeData][] = [...shops.map(([name, orders]) => [name, orders, data] as [string, Orders, ExchangeData]), ...extras.map(([dir, shop]) => [dir, shop.orders, shop] as [string, Orders, ExchangeData])]
  for (const [name, orders, shop] of every) {
    const { r, units } = await compare(orders, shop)
    log(`  ${name.padEnd(26)} ${String(r.orders).padStart(6)} orders  also-bought ${cell(r.alsoBought, units.alsoBought)} for-you ${cell(r.forYou, units.forYou)}`)
  }
  log(`shops: hybrid below popularity on ${below} of ${every.length * 2} shop-tasks, beyond the noise (by more than ${Z} standard errors) on ${clearlyBelow}`)

  const starts = [...Array(Math.floor((nOrders - WINDOWS.size) / WINDOWS.step) + 1).keys()].map((w) => w * WINDOWS.step)
  const pooled = { alsoBought: new Map() as Units, forYou: new Map() as Units }
  // Per task: windows above, equal, below, below by more than the noise, without cases.
  const signs = { alsoBought: [0, 0, 0, 0, 0], forYou: [0, 0, 0, 0, 0] }
  for (const start of starts) {
    const { units } = await compare(sliceOrders(all, start, start + WINDOWS.size), data)
    for (const task of ["alsoBought", "forYou"] as Task[]) {
      const { gain, se } = clusteredGain(units[task], COLUMN.hybrid, COLUMN.popularity)
      signs[task][units[task].size === 0 ? 4 : gain > 1e-9 ? 0 : gain < -1e-9 ? 2 : 1]++
      if (gain + Z * se < 0) signs[task][3]++
      for (const u of units[task].values()) pooled[task].set(pooled[task].size, u)
    }
  }
  log(`windows: ${starts.length} shops of ${WINDOWS.size} consecutive orders, one every ${WINDOWS.step}; hybrid above / equal to / below popularity (below beyond the noise; no cases), then all their cases pooled`)
  for (const task of ["alsoBought", "forYou"] as Task[]) {
    const [above, equal, under, beyond, none] = signs[task]
    const mean = (s: number) => {
      let sum = 0
      let n = 0
      for (const u of pooled[task].values()) (sum += u.ndcg[s]), (n += u.cases)
      return (sum / Math.max(1, n)).toFixed(3)
    }
    const { se } = clusteredGain(pooled[task], COLUMN.hybrid, COLUMN.popularity)
    const name = task === "alsoBought" ? "also-bought" : "for-you"
    log(`  ${name.padEnd(12)} ${above} / ${equal} / ${under} (${beyond}; ${none})  pooled ${mean(COLUMN.popularity)} vs ${mean(COLUMN.hybrid)} ± ${noise(se)} over ${pooled[task].size} ${task === "alsoBought" ? "test orders" : "customers"}`)
  }
}

/** Popularity and the hybrid on one shop, with each task's cases gathered by unit. */
async function compare(orders: Orders, shop: ExchangeData) {
  const { units, onCase } = unitCollector(2)
  const r = await offlineEvaluation(
    { orders, documents: shop.documents, productIds: shop.productIds },
    { testFraction: 0.1, k: 10, onCase: (task, strategy, unit, ndcg) => strategy in COLUMN && onCase(task, COLUMN[strategy], unit, ndcg) }
  )
  return { r, units }
}
