/**
 * The browser test's store, run with `medusa exec` before the store starts: published products
 * in the default sales channel and orders in which "Linen Shirt" goes with the shirts'
 * accessories, while "Canvas Tote" and "Wool Socks" sell most, mostly alone; a customer who
 * bought the shirts; then the plugin's history import, whose training the started store runs.
 * Prints the products' ids by title as JSON.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow, createOrderWorkflow, createProductsWorkflow, createRegionsWorkflow } from "@medusajs/core-flows"
import { importHistoryWorkflow } from "medusa-plugin-recommendations/workflows"
import { CUSTOMER, SEED_TITLES, type SeedTitle as Title } from "./seed-data"

/**
 * Each basket repeated `times`, interleaved so the newest orders (the evaluation's test set) look
 * like the older ones: co-purchases of the shirt, and best sellers bought alone. Over the 100
 * orders the training's offline evaluation needs.
 */
const BASKETS: { items: Title[]; times: number }[] = [
  { items: ["Linen Shirt", "Shirt Buttons"], times: 18 },
  { items: ["Linen Shirt", "Collar Stays"], times: 12 },
  { items: ["Linen Shirt", "Cufflinks"], times: 9 },
  { items: ["Canvas Tote"], times: 42 },
  { items: ["Wool Socks"], times: 36 },
  { items: ["Canvas Tote", "Wool Socks"], times: 6 },
  { items: ["Rain Hat", "Wool Socks"], times: 6 },
]

function interleaved(): Title[][] {
  const out: Title[][] = []
  const left = BASKETS.map((b) => b.times)
  while (left.some((n) => n > 0)) {
    BASKETS.forEach((b, i) => {
      if (left[i]-- > 0) out.push(b.items)
    })
  }
  return out
}

export default async function seed({ container }: ExecArgs) {
  const [channel] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { take: 1 })
  const { result: regions } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "Europe", currency_code: "eur", countries: ["de"] }] },
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: SEED_TITLES.map((title) => ({
        title,
        status: "published" as const,
        description: `${title}, made for the browser test's store.`,
        options: [{ title: "Size", values: ["One size"] }],
        variants: [{ title, options: { Size: "One size" }, manage_inventory: false, prices: [{ amount: 20, currency_code: "eur" }] }],
        sales_channels: [{ id: channel.id }],
      })),
    },
  })
  const variantOf = new Map(products.map((p) => [p.title, p.variants![0].id]))
  // A customer who bought every shirt with buttons: "for you" previewed as her is about shirts.
  const { result: customers } = await createCustomersWorkflow(container).run({
    input: { customersData: [{ email: CUSTOMER.email, first_name: CUSTOMER.first_name, last_name: CUSTOMER.last_name }] },
  })
  for (const [n, items] of interleaved().entries()) {
    await createOrderWorkflow(container).run({
      input: {
        region_id: regions[0].id,
        sales_channel_id: channel.id,
        ...(items === BASKETS[0].items ? { email: CUSTOMER.email, customer_id: customers[0].id } : { email: `shopper${n % 20}@example.com` }),
        currency_code: "eur",
        items: items.map((title) => ({ variant_id: variantOf.get(title)!, quantity: 1 })),
      },
    })
  }
  await importHistoryWorkflow(container).run({ input: {} })
  console.log(JSON.stringify(Object.fromEntries(products.map((p) => [p.title, p.id]))))
}
