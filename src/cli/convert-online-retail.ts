/**
 * `medusa-recs convert-online-retail [--input FILE] [--out DIR]`: UCI Online Retail (CSV, or
 * .csv.gz) to the exchange format (orders.csv + products.csv) that `evaluate` reads.
 *
 * Exit codes: 0 done, 1 bad input (missing or unreadable file, missing column), 2 bad command line.
 */
import { existsSync, statSync } from "fs"
import { join } from "path"
import { InputError } from "../exchange/csv"

export const USAGE = "Usage: medusa-recs convert-online-retail [--input FILE] [--out DIR]"
export const DEFAULT_OUT = "data/online-retail"

export class UsageError extends Error {}

export function parseArgs(argv: string[]): { input?: string; out: string } {
  const out: { input?: string; out: string } = { out: DEFAULT_OUT }
  for (let a = 0; a < argv.length; a++) {
    const arg = argv[a]
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (name !== "--input" && name !== "--out") {
      throw new UsageError(arg.startsWith("-") ? `unknown option "${arg}"` : `unexpected argument "${arg}"`)
    }
    let value: string
    if (eq > 0) value = arg.slice(eq + 1)
    else if (a + 1 < argv.length) value = argv[++a]
    else throw new UsageError(`${name} needs a value`)
    if (value === "") throw new UsageError(`${name} needs a value`)
    if (name === "--input") out.input = value
    else out.out = value
  }
  return out
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE + "\n")
    return 0
  }
  let args: { input?: string; out: string }
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`medusa-recs convert-online-retail: ${e.message}\n${USAGE}\n`)
    return 2
  }
  try {
    let input = args.input
    if (input === undefined) {
      const { onlineRetailPath } = require("../bench/dataset") as typeof import("../bench/dataset")
      try {
        input = onlineRetailPath()
      } catch (e) {
        throw new InputError(`${(e as Error).message}; or pass --input FILE`)
      }
    }
    if (!existsSync(input)) throw new InputError(`missing file: ${input}`)
    if (statSync(input).isDirectory()) throw new InputError(`not a file: ${input}`)
    if (existsSync(args.out) && !statSync(args.out).isDirectory()) throw new InputError(`--out is not a folder: ${args.out}`)
    const { convertOnlineRetail } = require("../exchange/online-retail") as typeof import("../exchange/online-retail")
    let summary
    try {
      summary = convertOnlineRetail(input, args.out)
    } catch (e) {
      if (e instanceof InputError) throw e.message.includes(input) ? e : new InputError(`${input}: ${e.message}`)
      const err = e as NodeJS.ErrnoException
      // Unreadable or corrupt input (bad gzip, permissions) or an unwritable output folder.
      if (err && typeof err.code === "string") throw new InputError(`${input} -> ${args.out}: ${err.message}`)
      throw e
    }
    const rows: [string, string | number][] = [
      ["input", input],
      ["lines", summary.lines],
      ["kept", summary.kept],
      ["cancelled", summary.cancelled],
      ["non-positive", summary.nonPositive],
      ["malformed", summary.malformed],
      ["products", summary.products],
      ["orders.csv", join(args.out, "orders.csv")],
      ["products.csv", join(args.out, "products.csv")],
    ]
    const width = Math.max(...rows.map(([k]) => k.length))
    process.stdout.write(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n") + "\n")
    return 0
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    process.stderr.write(`medusa-recs convert-online-retail: ${e.message}\n`)
    return 1
  }
}
