/**
 * `medusa-recs evaluate`: called through main() with stdout and stderr captured, and once as a
 * real process through the dispatcher, for the exit code a shell sees.
 */
import { spawnSync } from "child_process"
import { mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join, resolve } from "path"
import { main, parseArgs } from "../../../src/cli/evaluate"
import { run } from "../../../src/cli/index"
import { PRODUCTS_CSV } from "../hand-store"

const ORDERS_HEADER = "order_id,customer_id,product_id,timestamp,quantity"

// The 8-order store of test/unit/engine/evaluation.test.ts (worked out by hand there).
const ORDERS = [
  ORDERS_HEADER,
  "1,,A,2024-01-01T10:00:00Z,2",
  "1,,B,2024-01-01T10:00:00Z,",
  "2,c2,A,2024-01-02T10:00:00Z,1",
  "2,c2,C,2024-01-02T10:00:00Z,1",
  "3,,A,2024-01-03T10:00:00Z,1",
  "3,,B,2024-01-03T10:00:00Z,1",
  "3,,D,2024-01-03T10:00:00Z,1",
  "3,,B,2024-01-03T12:00:00Z,3",
  "4,c1,B,2024-01-04T10:00:00Z,1",
  "10,c2,D,2024-01-09T10:00:00Z,1",
  "10,c2,C,2024-01-05T10:00:00Z,1",
  "9,c1,A,2024-01-05T10:00:00Z,1",
  "9,c1,C,2024-01-05T10:00:00Z,1",
  "9,c1,E,2024-01-05T10:00:00Z,1",
  "9,c1,F,2024-01-05T10:00:00Z,1",
  "11,c3,B,2024-01-07T10:00:00Z,1",
  "11,c3,D,2024-01-07T10:00:00Z,1",
  "12,c2,A,2024-01-08T10:00:00Z,1",
  "12,c2,A,2024-01-08T10:00:00Z,",
].join("\n")
const PRODUCTS = PRODUCTS_CSV

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
function folder(files: { orders?: string; products?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "recs-cli-"))
  dirs.push(dir)
  if (files.orders !== undefined) writeFileSync(join(dir, "orders.csv"), files.orders)
  if (files.products !== undefined) writeFileSync(join(dir, "products.csv"), files.products)
  return dir
}

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `fn` with process.stdout/stderr writes captured. */
async function capture(fn: () => Promise<number>): Promise<Run> {
  let stdout = ""
  let stderr = ""
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => ((stdout += String(chunk)), true))
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => ((stderr += String(chunk)), true))
  try {
    const code = await fn()
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}
const evaluate = (...argv: string[]) => capture(() => main(argv))

let store: string
beforeAll(() => {
  store = folder({ orders: ORDERS, products: PRODUCTS })
})

const L = Math.log2(3)
const r4 = (x: number) => Math.round(x * 1e4) / 1e4

describe("evaluate --json", () => {
  it("prints one JSON object in the protocol's shape, metric keys with the actual k", async () => {
    const { code, stdout, stderr } = await evaluate(store, "--k", "5", "--json")
    expect(code).toBe(0)
    expect(stderr).toBe("")
    expect(stdout.endsWith("\n")).toBe(true)
    expect(stdout.trim().split("\n")).toHaveLength(1)
    const out = JSON.parse(stdout)
    expect(Object.keys(out)).toEqual(["orders", "train_orders", "test_orders", "items", "train_s", "malformed_rows", "also_bought", "for_you"])
    // default f = 0.1: round(0.8) = 1 test order ("12", one product: no also-bought case)
    expect(out).toMatchObject({ orders: 8, train_orders: 7, test_orders: 1, items: 6, malformed_rows: { orders: 0, products: 0 } })
    expect(typeof out.train_s).toBe("number")
    expect(Object.keys(out.also_bought)).toEqual(expect.arrayContaining(["popularity", "hybrid"]))
    expect(Object.keys(out.for_you)).toEqual(expect.arrayContaining(["popularity", "rebuy", "hybrid"]))
    expect(out.also_bought.rebuy).toBeUndefined()
    const ab = ["hr@5", "precision@5", "recall@5", "ndcg@5", "coverage@5", "diversity@5", "novelty@5", "cases"]
    for (const s of Object.values(out.also_bought)) expect(Object.keys(s as object)).toEqual(ab)
    for (const s of Object.values(out.for_you)) expect(Object.keys(s as object)).toEqual(ab.filter((k) => k !== "coverage@5"))
    // c2 (training orders "2" and "10") is the one for-you case; popularity's top 5 holds A.
    expect(out.for_you.popularity.cases).toBe(1)
    expect(out.for_you.popularity["hr@5"]).toBe(1)
    expect(out.also_bought.popularity.cases).toBe(0)
  })

  it("prints the hand-worked figures, rounded to 4 decimals", async () => {
    const { code, stdout } = await evaluate(store, "--test-fraction", "0.375", "--k", "2", "--json")
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out).toMatchObject({ orders: 8, train_orders: 5, test_orders: 3, items: 4 })
    expect(out.also_bought.popularity).toEqual({
      "hr@2": 0.75,
      "precision@2": 0.375,
      "recall@2": 0.4167, // 5/12
      "ndcg@2": r4((1 + 1 / L) / 4), // 0.4077
      "coverage@2": 0.75,
      "diversity@2": out.also_bought.popularity["diversity@2"],
      "novelty@2": r4((3 * Math.log2(5 / 3) + Math.log2(5 / 2)) / 4),
      cases: 4,
    })
    expect(out.for_you.rebuy).toMatchObject({ "hr@2": 1, "precision@2": 0.5, "recall@2": 0.625, "ndcg@2": r4((1 / (L + 1) + 1 / L) / 2), cases: 2 })
    const decimals = (x: number, d: number) => Math.abs(x * 10 ** d - Math.round(x * 10 ** d)) < 1e-6
    for (const task of [out.also_bought, out.for_you]) {
      for (const s of Object.values(task) as Record<string, number>[]) for (const v of Object.values(s)) expect(decimals(v, 4)).toBe(true)
    }
    expect(decimals(out.train_s, 3)).toBe(true)
  })

  it("accepts --name=value forms", async () => {
    const { code, stdout } = await evaluate("--json", `--test-fraction=0.375`, "--k=3", store)
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.test_orders).toBe(3)
    expect(Object.keys(out.also_bought.popularity)).toContain("hr@3")
  })
})

describe("evaluate (table)", () => {
  it("prints the header figures and one aligned row per task and strategy", async () => {
    const { code, stdout, stderr } = await evaluate(store, "--test-fraction", "0.375", "--k", "2")
    expect(code).toBe(0)
    expect(stderr).toBe("")
    expect(() => JSON.parse(stdout)).toThrow()
    expect(stdout).toMatch(/orders 8\b.*train_orders 5\b.*test_orders 3\b.*items 4\b.*train_s \d+\.\d{3}\b/)
    const lines = stdout.split("\n")
    const head = lines.findIndex((l) => l.startsWith("task"))
    expect(head).toBeGreaterThan(0)
    expect(lines[head].split(/\s+/)).toEqual(["task", "strategy", "hr@2", "precision@2", "recall@2", "ndcg@2", "coverage@2", "diversity@2", "novelty@2", "cases"])
    const rows = lines.slice(head + 1).filter((l) => l.trim() !== "")
    const names = rows.map((r) => r.split(/\s+/).slice(0, 2).join(" "))
    expect(names).toEqual(expect.arrayContaining(["also-bought popularity", "also-bought hybrid", "for-you popularity", "for-you rebuy", "for-you hybrid"]))
    // aligned: the right-aligned last column ends in the same place on every line
    for (const r of rows) expect(r.length).toBe(lines[head].length)
    const pop = rows.find((r) => r.startsWith("also-bought") && r.includes("popularity"))!
    expect(pop.split(/\s+/).slice(2, 7)).toEqual(["0.7500", "0.3750", "0.4167", r4((1 + 1 / L) / 4).toFixed(4), "0.7500"])
    expect(pop.split(/\s+/).pop()).toBe("4")
    // for-you rows leave coverage empty: one column fewer
    const rebuy = rows.find((r) => r.startsWith("for-you") && r.includes("rebuy"))!
    expect(rebuy.split(/\s+/)).toHaveLength(9)
  })
})

describe("evaluate: command-line mistakes exit 2", () => {
  it.each([
    [[], /missing DIR/],
    [["--json"], /missing DIR/],
    [["STORE", "--bogus"], /unknown option "--bogus"/],
    [["STORE", "-x"], /unknown option "-x"/],
    [["STORE", "other"], /one DIR expected/],
    [["STORE", "--k"], /--k needs a value/],
    [["STORE", "--k", "0"], /--k must be an integer >= 1/],
    [["STORE", "--k", "2.5"], /--k must be an integer >= 1/],
    [["STORE", "--k", "ten"], /--k must be an integer >= 1/],
    [["STORE", "--k", "-3"], /--k must be an integer >= 1/],
    [["STORE", "--test-fraction", "0"], /--test-fraction must be a number between 0 and 1/],
    [["STORE", "--test-fraction", "1"], /--test-fraction must be a number between 0 and 1/],
    [["STORE", "--test-fraction", "1.5"], /--test-fraction must be a number between 0 and 1/],
    [["STORE", "--test-fraction", "abc"], /--test-fraction must be a number between 0 and 1/],
    [["STORE", "--test-fraction", ""], /--test-fraction must be a number between 0 and 1/],
    [["STORE", "--test-fraction="], /--test-fraction must be a number between 0 and 1/],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await evaluate(...(args as string[]).map((a) => (a === "STORE" ? store : a)))
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toMatch(message as RegExp)
    expect(stderr).toMatch(/Usage: medusa-recs evaluate DIR/)
  })

  it("parses the defaults and valid values", () => {
    expect(parseArgs(["d"])).toEqual({ dir: "d", testFraction: 0.1, k: 10, json: false })
    expect(parseArgs(["--k", "5", "d", "--test-fraction", ".25", "--json"])).toEqual({ dir: "d", testFraction: 0.25, k: 5, json: true })
    expect(parseArgs(["d", "--test-fraction", "1e-1"]).testFraction).toBe(0.1)
  })
})

describe("evaluate: input errors exit 1 without a stack trace", () => {
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m)

  it("names a missing folder", async () => {
    const missing = join(tmpdir(), "recs-cli-does-not-exist")
    const { code, stdout, stderr } = await evaluate(missing)
    expect(code).toBe(1)
    expect(stdout).toBe("")
    expect(stderr).toContain(missing)
    noStack(stderr)
  })

  it("names a missing file", async () => {
    const dir = folder({ orders: ORDERS })
    const { code, stderr } = await evaluate(dir, "--json")
    expect(code).toBe(1)
    expect(stderr).toContain(join(dir, "products.csv"))
    noStack(stderr)
  })

  it("names a missing column", async () => {
    const { code, stdout, stderr } = await evaluate(folder({ orders: "order_id,customer_id,product_id,quantity\n1,c,A,1\n", products: PRODUCTS }))
    expect(code).toBe(1)
    expect(stdout).toBe("")
    expect(stderr).toMatch(/orders\.csv.*timestamp/)
    noStack(stderr)
  })

  it("reports an empty file", async () => {
    const { code, stderr } = await evaluate(folder({ orders: ORDERS, products: "" }))
    expect(code).toBe(1)
    expect(stderr).toMatch(/products\.csv.*empty/)
  })
})

describe("evaluate: malformed rows", () => {
  it("reports the count and the first 5 examples on stderr, and still evaluates", async () => {
    const bad = [",c1,A,2024-01-01T00:00:00Z,1", "20,c1,,2024-01-01T00:00:00Z,1", ...Array.from({ length: 5 }, (_, i) => `2${i + 1},c1,A,soon,1`)]
    const dir = folder({ orders: [ORDERS, ...bad].join("\n"), products: PRODUCTS + "\n,nameless,,,\n" })
    const { code, stdout, stderr } = await evaluate(dir, "--json", "--test-fraction", "0.375", "--k", "2")
    expect(code).toBe(0)
    expect(stderr).toMatch(/7 in orders\.csv, 1 in products\.csv/)
    const examples = stderr.split("\n").filter((l) => /^\s+\w+\.csv:\d+: /.test(l))
    expect(examples).toEqual([
      "  products.csv:9: empty product_id",
      "  orders.csv:21: empty order_id",
      "  orders.csv:22: empty product_id",
      '  orders.csv:23: unparsable timestamp "soon"',
      '  orders.csv:24: unparsable timestamp "soon"',
    ])
    const out = JSON.parse(stdout)
    expect(out.malformed_rows).toEqual({ orders: 7, products: 1 })
    expect(out.also_bought.popularity["hr@2"]).toBe(0.75) // the good rows give the same figures
  })
})

describe("through the dispatcher", () => {
  it("run() returns evaluate's exit code", async () => {
    expect((await capture(() => run(["evaluate", store, "--k", "0"]))).code).toBe(2)
    const ok = await capture(() => run(["evaluate", store, "--json"]))
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout).orders).toBe(8)
  })

  it("sets the process exit code as a shell sees it", () => {
    const cli = resolve(__dirname, "../../../src/cli/index.ts")
    const spawn = (...args: string[]) =>
      spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", cli, "evaluate", ...args], {
        cwd: resolve(__dirname, "../../.."),
        encoding: "utf8",
        timeout: 60_000,
      })
    const ok = spawn(store, "--json", "--k", "4")
    expect(ok.status).toBe(0)
    expect(Object.keys(JSON.parse(ok.stdout).also_bought.popularity)).toContain("ndcg@4")
    const missing = spawn(join(store, "nope"))
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(join(store, "nope"))
    expect(missing.stdout).toBe("")
    const bad = spawn(store, "--test-fraction", "2")
    expect(bad.status).toBe(2)
  }, 90_000)
})
