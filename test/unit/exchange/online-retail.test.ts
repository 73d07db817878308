/** The UCI Online Retail converter and its command, on a hand-written extract. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { gzipSync } from "zlib"
import { main } from "../../../src/cli/convert-online-retail"
import { InputError } from "../../../src/exchange/csv"
import { convertOnlineRetail, isoTime } from "../../../src/exchange/online-retail"
import { readExchange } from "../../../src/exchange/read"

const SOURCE = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
  "536365,71053,,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom", // no description yet
  "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom", // cancelled
  "536380,71053,WHITE METAL LANTERN,3,2010-12-01 09:45:00,3.39,,United Kingdom", // guest; first description of 71053
  "536381,85123a,another description,2,2010-12-01 10:00:00,2.55,13047,United Kingdom", // lower case: same product
  '536382,22222,"GLASS JAR, ""LARGE""",0,2010-12-01 10:05:00,1.25,13047.0,France', // zero quantity
  "536383,22223,MUG,-2,2010-12-01 10:06:00,1.25,13047.0,France", // negative quantity, not a C invoice
  "536384,22224,,1,2010-12-01T11:00:00Z,1.25,13047.0,France", // already ISO with Z
].join("\n")

const EXPECTED_ORDERS = [
  "order_id,customer_id,product_id,timestamp,quantity",
  "536365,17850,85123A,2010-12-01T08:26:00Z,6",
  "536365,17850,71053,2010-12-01T08:26:00Z,6",
  "536380,,71053,2010-12-01T09:45:00Z,3",
  "536381,13047,85123A,2010-12-01T10:00:00Z,2",
  "536384,13047,22224,2010-12-01T11:00:00Z,1",
  "",
].join("\n")

const EXPECTED_PRODUCTS = [
  "product_id,title,description,categories,tags,price",
  "85123A,WHITE HANGING HEART T-LIGHT HOLDER,,,,2.55",
  "71053,WHITE METAL LANTERN,,,,3.39",
  "D,Discount,,,,",
  '22222,"GLASS JAR, ""LARGE""",,,,',
  "22223,MUG,,,,",
  "22224,,,,,1.25",
  "",
].join("\n")

const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "recs-retail-"))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe("convertOnlineRetail", () => {
  it.each([
    ["plain CSV", "online-retail.csv", (s: string) => Buffer.from(s)],
    ["gzipped CSV", "online-retail.csv.gz", (s: string) => gzipSync(s)],
  ])("converts a %s", (_, name, encode) => {
    const dir = tmp()
    const input = join(dir, name)
    writeFileSync(input, encode(SOURCE))
    const out = join(dir, "out")
    const summary = convertOnlineRetail(input, out)
    expect(summary).toEqual({ lines: 8, kept: 5, cancelled: 1, nonPositive: 2, malformed: 0, products: 6 })
    expect(readFileSync(join(out, "orders.csv"), "utf8")).toBe(EXPECTED_ORDERS)
    expect(readFileSync(join(out, "products.csv"), "utf8")).toBe(EXPECTED_PRODUCTS)
  })

  it("writes files the exchange reader reads back", () => {
    const dir = tmp()
    writeFileSync(join(dir, "in.csv"), SOURCE)
    convertOnlineRetail(join(dir, "in.csv"), dir)
    const data = readExchange(dir)
    expect(data.malformed).toEqual({ orders: 0, products: 0, examples: [] })
    expect(data.orderIds).toEqual(["536365", "536380", "536381", "536384"])
    expect(data.customerIds).toEqual(["17850", "13047"])
    expect(data.orders.time[0]).toBe(Date.UTC(2010, 11, 1, 8, 26))
    expect(data.documents[data.productIds.indexOf("22222")].title).toBe('GLASS JAR, "LARGE"')
  })

  it("names missing source columns", () => {
    const dir = tmp()
    writeFileSync(join(dir, "in.csv"), "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,Country\n1,A,1,2010-12-01 08:26:00,1,UK\n")
    expect(() => convertOnlineRetail(join(dir, "in.csv"), dir)).toThrow(InputError)
    expect(() => convertOnlineRetail(join(dir, "in.csv"), dir)).toThrow(/Description.*CustomerID/)
  })

  it("checks the columns of a file with a header and no rows", () => {
    const dir = tmp()
    writeFileSync(join(dir, "in.csv"), "Foo,Bar\n")
    expect(() => convertOnlineRetail(join(dir, "in.csv"), dir)).toThrow(/missing columns InvoiceNo/)
  })

  it("counts short rows and unreadable dates as malformed instead of failing", () => {
    const dir = tmp()
    const header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
    writeFileSync(join(dir, "in.csv"), [header, "536366,85123A", "536367,22222,JAR,2,yesterday,1,,UK", "536368,22222,JAR,2,12/1/2010 8:26,1,,UK", ""].join("\n"))
    const summary = convertOnlineRetail(join(dir, "in.csv"), join(dir, "out"))
    expect(summary).toMatchObject({ lines: 3, kept: 1, malformed: 2 })
    expect(readFileSync(join(dir, "out", "orders.csv"), "utf8")).toBe("order_id,customer_id,product_id,timestamp,quantity\n536368,,22222,2010-12-01T08:26:00Z,2\n")
  })
})

describe("isoTime", () => {
  it.each([
    ["2010-12-01 08:26:00", "2010-12-01T08:26:00Z"],
    ["12/1/2010 8:26", "2010-12-01T08:26:00Z"],
    ["2010-12-01T08:26:00+01:00", "2010-12-01T08:26:00+01:00"],
    ["not a date", ""],
  ])("%s -> %s", (input, expected) => expect(isoTime(input)).toBe(expected))
})

describe("convert-online-retail command", () => {
  async function capture(argv: string[]) {
    let stdout = ""
    let stderr = ""
    const out = jest.spyOn(process.stdout, "write").mockImplementation((c: unknown) => ((stdout += String(c)), true))
    const err = jest.spyOn(process.stderr, "write").mockImplementation((c: unknown) => ((stderr += String(c)), true))
    try {
      return { code: await main(argv), stdout, stderr }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }

  it("prints the summary and the paths it wrote", async () => {
    const dir = tmp()
    writeFileSync(join(dir, "in.csv"), SOURCE)
    const out = join(dir, "converted")
    const { code, stdout, stderr } = await capture(["--input", join(dir, "in.csv"), "--out", out])
    expect(code).toBe(0)
    expect(stderr).toBe("")
    expect(stdout).toMatch(/^lines\s+8$/m)
    expect(stdout).toMatch(/^kept\s+5$/m)
    expect(stdout).toMatch(/^cancelled\s+1$/m)
    expect(stdout).toMatch(/^non-positive\s+2$/m)
    expect(stdout).toMatch(/^products\s+6$/m)
    expect(stdout).toContain(join(out, "orders.csv"))
    expect(stdout).toContain(join(out, "products.csv"))
    expect(readFileSync(join(out, "orders.csv"), "utf8")).toBe(EXPECTED_ORDERS)
  })

  it("reads $RECS_DATASET when --input is absent", async () => {
    const dir = tmp()
    writeFileSync(join(dir, "retail.csv.gz"), gzipSync(SOURCE))
    const saved = process.env.RECS_DATASET
    process.env.RECS_DATASET = join(dir, "retail.csv.gz")
    try {
      const { code, stdout } = await capture(["--out", join(dir, "o")])
      expect(code).toBe(0)
      expect(stdout).toContain(join(dir, "retail.csv.gz"))
      expect(readFileSync(join(dir, "o", "products.csv"), "utf8")).toBe(EXPECTED_PRODUCTS)
    } finally {
      if (saved === undefined) delete process.env.RECS_DATASET
      else process.env.RECS_DATASET = saved
    }
  })

  it.each([[["--bogus"]], [["stray"]], [["--input"]], [["--out", ""]]])("exits 2 on %j", async (argv) => {
    const { code, stdout, stderr } = await capture(argv)
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toMatch(/Usage: medusa-recs convert-online-retail/)
  })

  it("exits 1 naming a missing input, a bad column set or a corrupt gzip, without a stack", async () => {
    const dir = tmp()
    const missing = await capture(["--input", join(dir, "nope.csv"), "--out", dir])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(join(dir, "nope.csv"))

    writeFileSync(join(dir, "cols.csv"), "InvoiceNo,StockCode\n1,A\n")
    const cols = await capture(["--input", join(dir, "cols.csv"), "--out", dir])
    expect(cols.code).toBe(1)
    expect(cols.stderr).toMatch(/Quantity/)

    writeFileSync(join(dir, "bad.csv.gz"), "not gzip at all")
    const gz = await capture(["--input", join(dir, "bad.csv.gz"), "--out", dir])
    expect(gz.code).toBe(1)
    expect(gz.stderr).toContain(join(dir, "bad.csv.gz"))
    for (const r of [missing, cols, gz]) expect(r.stderr).not.toMatch(/^\s+at /m)
  })
})
