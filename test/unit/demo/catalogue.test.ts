/** The demo's data from Online Retail: store-like products with categories and tags, merchandise only, customers. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { prepareDemoData, storeTitle } from "../../../demo/catalogue"
import { OTHER_CATEGORY, categoryOf, tagsOf } from "../../../demo/taxonomy"
import { readExchange } from "../../../src/exchange/read"

const SOURCE = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
  "536365,POST,POSTAGE,1,2010-12-01 08:26:00,18,17850.0,United Kingdom",
  "536366,22633,HAND WARMER UNION JACK,6,2010-12-02 08:28:00,1.85,17850.0,United Kingdom",
  "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-03 08:34:00,1.69,13047.0,United Kingdom",
  "536367,22633,HAND WARMER UNION JACK,2,2010-12-03 08:34:00,2.10,13047.0,United Kingdom",
  "536368,22960,JAM MAKING SET WITH JARS,6,2010-12-04 08:34:00,4.25,,United Kingdom",
  "536369,21000,,6,2010-12-04 09:00:00,4.25,13047.0,United Kingdom",
].join("\n")

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function prepared(maxOrders?: number) {
  const dir = mkdtempSync(join(tmpdir(), "recs-demo-"))
  dirs.push(dir)
  writeFileSync(join(dir, "source.csv"), SOURCE)
  return prepareDemoData(join(dir, "source.csv"), join(dir, "out"), maxOrders)
}

describe("taxonomy", () => {
  it("reads a category from the title's words, seasonal first, and keeps every matching tag", () => {
    expect(categoryOf("WHITE HANGING HEART T-LIGHT HOLDER")).toBe("Candles & lights")
    expect(categoryOf("CHRISTMAS HANGING HEART T-LIGHT HOLDER")).toBe("Christmas")
    expect(categoryOf("JUMBO BAG RED RETROSPOT")).toBe("Bags & purses")
    expect(categoryOf("SET OF 3 CAKE TINS PANTRY DESIGN")).toBe("Kitchen & dining")
    expect(categoryOf("BABUSHKA NESTING BOXES")).toBe("Storage")
    expect(categoryOf("INFLATABLE POLITICAL GLOBE")).toBe("Toys & games")
    expect(categoryOf("CHOCOLATE CALCULATOR")).toBe(OTHER_CATEGORY)
    expect(tagsOf("JUMBO BAG RED RETROSPOT")).toEqual(["red", "retrospot"])
    expect(tagsOf("SET OF 3 CAKE TINS PANTRY DESIGN")).toEqual(["metal", "set"])
    expect(tagsOf("CHOCOLATE CALCULATOR")).toEqual([])
  })

  it("writes store-like titles", () => {
    expect(storeTitle("WHITE HANGING HEART T-LIGHT HOLDER")).toBe("White Hanging Heart T-Light Holder")
    expect(storeTitle("  PACK OF 72 RETROSPOT CAKE CASES ")).toBe("Pack Of 72 Retrospot Cake Cases")
  })
})

describe("prepareDemoData", () => {
  it("keeps merchandise with a title, with category, tags, description and median price, and lists customers busiest first", () => {
    const data = prepared()
    expect(data.products).toBe(4)
    expect(data.orders).toBe(4)
    const exchange = readExchange(data.dir)
    expect([...exchange.productIds].sort()).toEqual(["22633", "22960", "84879", "85123A"])
    const at = (id: string) => exchange.productIds.indexOf(id)
    expect(exchange.documents[at("22633")]).toEqual({
      title: "Hand Warmer Union Jack",
      description: "Hand Warmer Union Jack, from our clothing & accessories range (union jack).",
      categories: ["Clothing & accessories"],
      tags: ["union jack"],
    })
    expect(exchange.prices[at("22633")]).toBe(1.85)
    // POSTAGE and the untitled 21000 are gone, from the orders too: 536369 had nothing else.
    expect(exchange.orderIds).toEqual(["536365", "536366", "536367", "536368"])
    expect(data.customers.map((c) => [c.external_id, c.orders])).toEqual([
      ["17850", 2],
      ["13047", 1],
    ])
    expect(new Set(data.customers.map((c) => c.email)).size).toBe(2)
    expect(data.customers[0].email).toMatch(/^[a-z]+\.[a-z]+\.17850@example\.com$/)
  })

  it("keeps only the newest orders and their products when asked", () => {
    const data = prepared(2)
    const exchange = readExchange(data.dir)
    expect(exchange.orderIds).toEqual(["536367", "536368"])
    expect([...exchange.productIds].sort()).toEqual(["22633", "22960", "84879"])
    expect(data.customers.map((c) => c.external_id)).toEqual(["13047"])
  })

  it("reads back what an earlier run wrote", () => {
    const data = prepared()
    const before = readFileSync(join(data.dir, "products.csv"), "utf8")
    const again = prepareDemoData("/nonexistent/source.csv", data.dir)
    expect(again).toEqual(data)
    expect(readFileSync(join(data.dir, "products.csv"), "utf8")).toBe(before)
  })
})
