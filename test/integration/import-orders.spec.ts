/**
 * The history import a merchant moving from another platform runs (`medusa exec
 * .../scripts/import-orders.js DIR`), on the development store: products created in their
 * categories and with their tags and prices, order lines recorded as purchases of the store's
 * customers where the export names them, a training run before it returns, and nothing twice.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/core-flows"
import importOrders from "../../src/scripts/import-orders"
import { defaultCurrency } from "../../src/workflows/utils/signals-of"
import { rows } from "../fixtures/store"

jest.setTimeout(180_000)

delete process.env.REDIS_URL

const PRODUCTS = [
  "product_id,title,description,categories,tags,price",
  "MUG,Blue Mug,A stoneware mug,Kitchen,blue;ceramic,4.5",
  "JUG,Milk Jug,,Kitchen,ceramic,",
  '"TRAY","Tray, round",,Home;Kitchen,,12',
].join("\n")

/** 120 orders: the mug with the jug, then the tray alone; by Ann (external id), Bob (email), someone unknown, and guests. */
function orders(): string {
  const lines = ["order_id,customer_id,product_id,timestamp,quantity"]
  const who = ["A-1", "bob@example.com", "Z-9", ""]
  for (let o = 0; o < 120; o++) {
    const at = new Date(Date.UTC(2025, 0, 1) + o * 3_600_000).toISOString()
    const customer = who[o % who.length]
    if (o % 3 === 2) lines.push(`o${o},${customer},TRAY,${at},1`)
    else lines.push(`o${o},${customer},MUG,${at},2`, `o${o},${customer},JUG,${at},`)
  }
  return lines.join("\n")
}

medusaIntegrationTestRunner({
  medusaConfigFile: path.resolve(__dirname, "../../dev-store"),
  testSuite: ({ getContainer }) => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "recs-import-"))
      writeFileSync(path.join(dir, "products.csv"), PRODUCTS)
      writeFileSync(path.join(dir, "orders.csv"), orders())
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it("creates the products with categories, tags and prices, matches customers, trains, and adds nothing the second time", async () => {
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { result: customers } = await createCustomersWorkflow(container).run({
        input: {
          customersData: [
            { email: "ann@example.com", metadata: { external_id: "A-1" } },
            { email: "bob@example.com", first_name: "Bob" },
          ],
        },
      })
      const [ann, bob] = customers

      await importOrders({ container, args: [dir] } as never)

      const { data: products } = await query.graph({
        entity: "product",
        fields: ["id", "title", "external_id", "categories.name", "tags.value", "variants.prices.amount", "variants.prices.currency_code"],
        filters: { external_id: ["MUG", "JUG", "TRAY"] },
      })
      const byExternal = Object.fromEntries(products.map((p) => [p.external_id, p]))
      const currency = await defaultCurrency(query)
      expect(byExternal.MUG.title).toBe("Blue Mug")
      expect(byExternal.MUG.categories!.map((c) => c!.name)).toEqual(["Kitchen"])
      expect(byExternal.MUG.tags!.map((t) => t!.value).sort()).toEqual(["blue", "ceramic"])
      expect(byExternal.MUG.variants![0]!.prices!.map((p) => [p!.amount, p!.currency_code])).toEqual([[4.5, currency]])
      expect(byExternal.JUG.variants![0]!.prices).toEqual([])
      expect(byExternal.TRAY.title).toBe("Tray, round")
      expect(byExternal.TRAY.categories!.map((c) => c!.name).sort()).toEqual(["Home", "Kitchen"])
      // One "Kitchen" category for all three products, not one per product.
      const { data: kitchens } = await query.graph({ entity: "product_category", fields: ["id"], filters: { name: "Kitchen" } })
      expect(kitchens).toHaveLength(1)

      type Purchase = { order_id: string; product_id: string; customer_id: string | null; quantity: number }
      const purchases = await rows<Purchase>(container, "SELECT order_id, product_id, customer_id, quantity FROM recommendation_interaction_event WHERE type = 'purchase'")
      expect(purchases).toHaveLength(80 * 2 + 40)
      const ofOrder = (o: number) => purchases.filter((p) => p.order_id === `exchange:o${o}`)
      expect(ofOrder(0).map((p) => [p.product_id, p.customer_id, p.quantity]).sort()).toEqual(
        [
          [byExternal.JUG.id, ann.id, 1],
          [byExternal.MUG.id, ann.id, 2],
        ].sort()
      )
      expect(ofOrder(1)[0].customer_id).toBe(bob.id)
      expect(ofOrder(2)[0].customer_id).toBe("exchange:Z-9")
      expect(ofOrder(3)[0].customer_id).toBeNull()

      // Trained before the script returned, on the imported history.
      const [run] = await rows<{ status: string; counts: { orders: number } }>(
        container,
        "SELECT status, counts FROM recommendation_training_run WHERE trigger = 'backfill'"
      )
      expect(run.status).toBe("succeeded")
      expect(run.counts.orders).toBe(120)
      const [current] = await rows(container, "SELECT id FROM recommendation_model_version WHERE is_current")
      expect(current).toBeDefined()

      await importOrders({ container, args: [dir] } as never)
      const { data: again } = await query.graph({ entity: "product", fields: ["id"], filters: { external_id: ["MUG", "JUG", "TRAY"] } })
      expect(again).toHaveLength(3)
      const [{ n }] = await rows<{ n: string }>(container, "SELECT count(*) AS n FROM recommendation_interaction_event WHERE type = 'purchase'")
      expect(Number(n)).toBe(200)
    })

    it("names the missing folder or file", async () => {
      const container = getContainer()
      await expect(importOrders({ container, args: [] } as never)).rejects.toThrow("give the folder holding products.csv and orders.csv")
      await expect(importOrders({ container, args: [path.join(dir, "nope")] } as never)).rejects.toThrow(/missing file: .*nope\/orders\.csv/)
    })
  },
})
