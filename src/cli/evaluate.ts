/**
 * `medusa-recs evaluate DIR [--test-fraction 0.1] [--k 10] [--json]`: the offline evaluation
 * protocol (shared EVALUATION.md) on a folder holding orders.csv and products.csv.
 *
 * Exit codes: 0 done, 1 bad input (missing folder, file or column), 2 bad command line.
 * Malformed rows are reported on stderr and skipped. Results go to stdout: one JSON object with
 * --json, else a table. Only the exchange reader is loaded up front; the engine once the
 * arguments are valid, and never Medusa.
 */
import { existsSync, statSync } from "fs"
import type { TaskResult } from "../engine/evaluation"
import type { OfflineResult } from "../engine/offline"
import { InputError } from "../exchange/csv"
import type { ExchangeData } from "../exchange/read"

export const USAGE = "Usage: medusa-recs evaluate DIR [--test-fraction 0.1] [--k 10] [--json]"

export interface EvaluateArgs {
  dir: string
  testFraction: number
  k: number
  json: boolean
}

/** A command-line mistake: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/
const INTEGER = /^\d+$/

export function parseArgs(argv: string[]): EvaluateArgs {
  const out: EvaluateArgs = { dir: "", testFraction: 0.1, k: 10, json: false }
  let dir: string | undefined
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a]
    if (arg === "--json") {
      out.json = true
      continue
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (name === "--test-fraction" || name === "--k") {
      let value: string
      if (eq > 0) value = arg.slice(eq + 1)
      else if (a + 1 < argv.length) value = argv[++a]
      else throw new UsageError(`${name} needs a value`)
      if (name === "--k") {
        const k = INTEGER.test(value.trim()) ? Number(value.trim()) : NaN
        if (!Number.isSafeInteger(k) || k < 1) throw new UsageError(`--k must be an integer >= 1, got "${value}"`)
        out.k = k
      } else {
        const f = DECIMAL.test(value.trim()) ? Number(value.trim()) : NaN
        if (!(f > 0 && f < 1)) throw new UsageError(`--test-fraction must be a number between 0 and 1 (exclusive), got "${value}"`)
        out.testFraction = f
      }
      continue
    }
    if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option "${arg}"`)
    if (dir !== undefined) throw new UsageError(`one DIR expected, got "${dir}" and "${arg}"`)
    dir = arg
  }
  if (dir === undefined || dir === "") throw new UsageError("missing DIR (the folder holding orders.csv and products.csv)")
  out.dir = dir
  return out
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits
  const r = Math.round(x * f) / f
  return r === 0 ? 0 : r
}

const METRICS = ["hr", "precision", "recall", "ndcg", "coverage", "diversity", "novelty"] as const

function taskJson(results: Record<string, TaskResult>, k: number, withCoverage: boolean) {
  const out: Record<string, Record<string, number>> = {}
  for (const [name, r] of Object.entries(results)) {
    const row: Record<string, number> = {}
    for (const m of METRICS) {
      if (m === "coverage" && !withCoverage) continue
      row[`${m}@${k}`] = round(r[m] ?? 0, 4)
    }
    row.cases = r.cases
    out[name] = row
  }
  return out
}

/** The protocol's JSON object, keys in the documented order, metric keys with the actual k. */
export function toJson(result: OfflineResult, malformed: ExchangeData["malformed"], k: number) {
  return {
    orders: result.orders,
    train_orders: result.trainOrders,
    test_orders: result.testOrders,
    items: result.items,
    train_s: round(result.trainSeconds, 3),
    malformed_rows: { orders: malformed.orders, products: malformed.products },
    also_bought: taskJson(result.alsoBought, k, true),
    for_you: taskJson(result.forYou, k, false),
  }
}

/** The same figures as a table: header lines, then one aligned row per task and strategy. */
export function toTable(result: OfflineResult, malformed: ExchangeData["malformed"], args: EvaluateArgs): string {
  const { k } = args
  const header = [
    `orders ${result.orders}  train_orders ${result.trainOrders}  test_orders ${result.testOrders}  items ${result.items}  train_s ${result.trainSeconds.toFixed(3)}`,
    `test_fraction ${args.testFraction}  k ${k}  malformed_rows orders ${malformed.orders}, products ${malformed.products}`,
  ]
  const columns = ["task", "strategy", ...METRICS.map((m) => `${m}@${k}`), "cases"]
  const rows: string[][] = []
  const addTask = (task: string, results: Record<string, TaskResult>) => {
    for (const [name, r] of Object.entries(results)) {
      rows.push([task, name, ...METRICS.map((m) => (r[m] === undefined ? "" : r[m]!.toFixed(4))), String(r.cases)])
    }
  }
  addTask("also-bought", result.alsoBought)
  addTask("for-you", result.forYou)
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd()
  return [...header, "", line(columns), ...rows.map(line), ""].join("\n")
}

export async function main(argv: string[]): Promise<number> {
  let args: EvaluateArgs
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE + "\n")
    return 0
  }
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`medusa-recs evaluate: ${e.message}\n${USAGE}\n`)
    return 2
  }

  let data: ExchangeData
  try {
    if (!existsSync(args.dir)) throw new InputError(`no such folder: ${args.dir} (expected orders.csv and products.csv in it)`)
    if (!statSync(args.dir).isDirectory()) throw new InputError(`not a folder: ${args.dir} (expected a folder holding orders.csv and products.csv)`)
    const { readExchange } = require("../exchange/read") as typeof import("../exchange/read")
    data = readExchange(args.dir)
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    process.stderr.write(`medusa-recs evaluate: ${e.message}\n`)
    return 1
  }

  const { malformed } = data
  if (malformed.orders + malformed.products > 0) {
    const examples = malformed.examples.slice(0, 5).map((x) => `  ${x}\n`).join("")
    process.stderr.write(
      `medusa-recs evaluate: skipped malformed rows: ${malformed.orders} in orders.csv, ${malformed.products} in products.csv; ` +
        `first ${Math.min(5, malformed.examples.length)}:\n${examples}`
    )
  }

  const { offlineEvaluation } = require("../engine/offline") as typeof import("../engine/offline")
  // Awaited: training may run in worker threads.
  const result: OfflineResult = await offlineEvaluation(
    {
      orders: data.orders,
      documents: data.documents,
      productIds: data.productIds,
    },
    { testFraction: args.testFraction, k: args.k }
  )
  if (result.testOrders === 0 || result.trainOrders === 0) {
    process.stderr.write(
      `medusa-recs evaluate: warning: ${result.orders} orders give ${result.trainOrders} training and ${result.testOrders} test orders; no case can be scored\n`
    )
  }

  process.stdout.write(args.json ? JSON.stringify(toJson(result, malformed, args.k)) + "\n" : toTable(result, malformed, args))
  return 0
}
