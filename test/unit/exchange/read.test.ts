/** The exchange-format reader: errors the user can fix, malformed rows, and CSV details. */
import { mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { InputError } from "../../../src/exchange/csv"
import { readExchange, type ExchangeData } from "../../../src/exchange/read"

const ORDERS_HEADER = "order_id,customer_id,product_id,timestamp,quantity"
const PRODUCTS_HEADER = "product_id,title,description,categories,tags"

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A temp folder with the given files (undefined: the file is absent). */
function folder(files: { orders?: string; products?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "recs-read-"))
  dirs.push(dir)
  if (files.orders !== undefined) writeFileSync(join(dir, "orders.csv"), files.orders)
  if (files.products !== undefined) writeFileSync(join(dir, "products.csv"), files.products)
  return dir
}

const PRODUCTS = `${PRODUCTS_HEADER}\nA,Alpha,,,\n`
const ORDERS = `${ORDERS_HEADER}\n1,c1,A,2024-01-01T00:00:00Z,1\n`

/** The InputError readExchange throws (fails the test when it throws nothing or something else). */
function inputError(dir: string): InputError {
  try {
    readExchange(dir)
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return e as InputError
  }
  throw new Error("readExchange did not throw")
}

/** Order p's distinct product ids, in stored order. */
const basket = (data: ExchangeData, p: number) =>
  Array.from(data.orders.items.subarray(data.orders.offsets[p], data.orders.offsets[p + 1]), (i) => data.productIds[i])

describe("readExchange: errors", () => {
  it("names a missing orders.csv or products.csv", () => {
    expect(inputError(folder({ products: PRODUCTS })).message).toMatch(/orders\.csv/)
    expect(inputError(folder({ orders: ORDERS })).message).toMatch(/products\.csv/)
    const none = folder({})
    expect(inputError(none).message).toContain(join(none, "orders.csv"))
  })

  it("names every missing column and the file", () => {
    const e = inputError(folder({ orders: "order_id,product_id,quantity\n1,A,1\n", products: PRODUCTS }))
    expect(e.message).toMatch(/orders\.csv/)
    expect(e.message).toMatch(/customer_id/)
    expect(e.message).toMatch(/timestamp/)
    expect(e.message).not.toMatch(/missing columns?[^(]*\bquantity\b/)

    const p = inputError(folder({ orders: ORDERS, products: "product_id,title,description,categories\nA,,,\n" }))
    expect(p.message).toMatch(/products\.csv/)
    expect(p.message).toMatch(/\btags\b/)
  })

  it("checks the columns of a file with a header and no rows", () => {
    const e = inputError(folder({ orders: "order_id,customer_id,product_id\n", products: PRODUCTS }))
    expect(e.message).toMatch(/timestamp/)
    const ok = readExchange(folder({ orders: ORDERS_HEADER + "\n", products: PRODUCTS_HEADER + "\n" }))
    expect(ok.orderIds).toEqual([])
    expect(ok.productIds).toEqual([])
  })

  it("rejects an empty file", () => {
    expect(inputError(folder({ orders: "", products: PRODUCTS })).message).toMatch(/orders\.csv.*empty/)
    expect(inputError(folder({ orders: ORDERS, products: "\n\n" })).message).toMatch(/products\.csv.*empty/)
  })
})

describe("readExchange: malformed rows", () => {
  const orders = [
    ORDERS_HEADER,
    "1,c1,A,2024-01-01T00:00:00Z,1", // line 2: fine
    ",c1,A,2024-01-01T00:00:00Z,1", // line 3: empty order_id
    "2,c1,,2024-01-01T00:00:00Z,1", // line 4: empty product_id
    "3,c1,A,yesterday,1", // line 5: unparsable timestamp
    "4,,B,2024-01-02T00:00:00Z,", // line 6: fine (guest, quantity empty)
  ].join("\n")

  it("counts them with examples and keeps the rest", () => {
    const data = readExchange(folder({ orders, products: `${PRODUCTS_HEADER}\nA,Alpha,,,\n,No id,,,\n` }))
    expect(data.malformed.orders).toBe(3)
    expect(data.malformed.products).toBe(1)
    expect(data.malformed.examples).toEqual([
      "products.csv:3: empty product_id",
      "orders.csv:3: empty order_id",
      "orders.csv:4: empty product_id",
      'orders.csv:5: unparsable timestamp "yesterday"',
    ])
    expect(data.orderIds).toEqual(["1", "4"])
    expect(basket(data, 1)).toEqual(["B"])
    expect(data.orders.customer[1]).toBe(-1)
  })

  it("keeps 5 examples but counts them all", () => {
    const bad = Array.from({ length: 8 }, (_, i) => `${i},c,A,not a date,1`)
    const data = readExchange(folder({ orders: [ORDERS_HEADER, ...bad, "9,c,A,2024-01-01,1"].join("\n"), products: PRODUCTS }))
    expect(data.malformed.orders).toBe(8)
    expect(data.malformed.examples).toHaveLength(5)
    expect(data.malformed.examples[4]).toBe('orders.csv:6: unparsable timestamp "not a date"')
    expect(data.orderIds).toEqual(["9"])
  })
})

describe("readExchange: values", () => {
  it("takes an empty quantity as 1 and sums a product's lines within an order", () => {
    const data = readExchange(
      folder({
        orders: [ORDERS_HEADER, "1,c,A,2024-01-01T00:00:00Z,", "1,c,B,2024-01-01T00:00:00Z,3", "1,c,A,2024-01-01T00:00:00Z,2"].join("\n"),
        products: PRODUCTS,
      })
    )
    expect(basket(data, 0)).toEqual(["A", "B"])
    expect(Array.from(data.orders.quantities)).toEqual([3, 3])
  })

  it("indexes products.csv's products and those seen only in orders by product id; splits categories and tags on ;", () => {
    const data = readExchange(
      folder({
        orders: [ORDERS_HEADER, "1,c,Z,2024-01-01T00:00:00Z,1", "1,c,A,2024-01-01T00:00:00Z,1"].join("\n"),
        products: `${PRODUCTS_HEADER},price\nB,,,,,3\nA,Alpha,Desc, Home ; Garden ;,new;;sale,2\n`,
      })
    )
    expect(data.productIds).toEqual(["A", "B", "Z"])
    expect(data.documents[0]).toEqual({ title: "Alpha", description: "Desc", categories: ["Home", "Garden"], tags: ["new", "sale"] })
    expect(data.documents[1]).toEqual({ title: undefined, description: undefined, categories: [], tags: [] })
    expect(data.documents[2]).toEqual({})
    expect(Array.from(data.prices)).toEqual([2, 3, NaN])
    expect(basket(data, 0)).toEqual(["Z", "A"])
    expect(data.orders.nItems).toBe(3)
  })

  it("finds columns by name in any order, ignoring extra ones", () => {
    const data = readExchange(
      folder({
        orders: "quantity,timestamp,note,product_id,customer_id,order_id\n2,2024-03-01T12:00:00Z,x,A,c9,o1\n",
        products: "tags,product_id,extra,title,description,categories\nt1,A,?,Alpha,,cat\n",
      })
    )
    expect(data.orderIds).toEqual(["o1"])
    expect(data.customerIds).toEqual(["c9"])
    expect(data.orders.time[0]).toBe(Date.UTC(2024, 2, 1, 12))
    expect(data.orders.quantities[0]).toBe(2)
    expect(data.documents[0]).toEqual({ title: "Alpha", description: undefined, categories: ["cat"], tags: ["t1"] })
  })

  it("reads the optional price column: NaN where it is empty, unreadable or absent", () => {
    const data = readExchange(
      folder({
        orders: [ORDERS_HEADER, "1,c,Z,2024-01-01T00:00:00Z,1"].join("\n"),
        products: "product_id,title,description,categories,tags,price\nA,,,,,2.5\nB,,,,,\nC,,,,,free\nD,,,,,0\n",
      })
    )
    expect(data.productIds).toEqual(["A", "B", "C", "D", "Z"])
    expect(Array.from(data.prices)).toEqual([2.5, NaN, NaN, 0, NaN])
    expect(Array.from(readExchange(folder({ orders: ORDERS, products: PRODUCTS })).prices).every(Number.isNaN)).toBe(true)
  })
})

describe("readExchange: CSV details", () => {
  it("reads quoted fields holding commas, doubled quotes and newlines, and keeps line numbers", () => {
    const products = [
      PRODUCTS_HEADER,
      'A,"Cushion, linen","He said ""soft""\nand washable",Home,',
      ',"no id",,,', // line 4: the record above spans lines 2-3
    ].join("\n")
    const data = readExchange(folder({ orders: ORDERS, products }))
    expect(data.documents[0].title).toBe("Cushion, linen")
    expect(data.documents[0].description).toBe('He said "soft"\nand washable')
    expect(data.documents[0].categories).toEqual(["Home"])
    expect(data.malformed.examples).toEqual(["products.csv:4: empty product_id"])
  })

  it("skips a byte order mark before the header", () => {
    const data = readExchange(folder({ orders: "\uFEFF" + ORDERS, products: "\uFEFF" + PRODUCTS }))
    expect(data.orderIds).toEqual(["1"])
    expect(data.documents[0].title).toBe("Alpha")
    // a quoted first header field right after the mark
    const quoted = readExchange(folder({ orders: '\uFEFF"order_id",customer_id,product_id,timestamp,quantity\n1,c1,A,2024-01-01T00:00:00Z,1\n', products: PRODUCTS }))
    expect(quoted.orderIds).toEqual(["1"])
  })

  it("reads CRLF line ends without carrying \\r into the last column", () => {
    const orders = [ORDERS_HEADER, "1,c1,A,2024-01-01T00:00:00Z,4", "2,c1,B,2024-01-02T00:00:00Z,", ""].join("\r\n")
    const products = [PRODUCTS_HEADER, "A,Alpha,,,tag1", "B,Beta,,,", ""].join("\r\n")
    const data = readExchange(folder({ orders, products }))
    expect(data.orderIds).toEqual(["1", "2"])
    expect(Array.from(data.orders.quantities)).toEqual([4, 1])
    expect(data.documents[0].tags).toEqual(["tag1"])
    expect(data.productIds).toEqual(["A", "B"])
    expect(data.malformed.orders).toBe(0)
  })

  it("ignores blank lines and a missing final newline", () => {
    const orders = `${ORDERS_HEADER}\n\n1,c1,A,2024-01-01T00:00:00Z,1\n\n2,c1,A,2024-01-02T00:00:00Z,5`
    const data = readExchange(folder({ orders, products: PRODUCTS }))
    expect(data.orderIds).toEqual(["1", "2"])
    expect(data.orders.quantities[1]).toBe(5)
    expect(data.malformed.orders).toBe(0)
  })
})
