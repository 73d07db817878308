/**
 * Seeds the server benchmark's store (DATABASE_URL) in a process of its own, as a merchant's
 * import runs in its own `medusa exec`: all of Online Retail as products created through Medusa's
 * workflow and purchase events (src/import), a publishable key and a GBP region. The measured
 * server then starts with a serving store's heap, not with the hundreds of megabytes of garbage
 * re-recording 520,000 events leaves behind (its later collections stretched the server's pauses).
 */
import "./server-env"
import express from "express"
import { createApiKeysWorkflow, createRegionsWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { importExchange } from "../import/exchange-import"
import { loadDevStore } from "./dev-store"
import { loadOnlineRetail } from "./training"

export type SeedMessage =
  | { log: string }
  | {
      seeded: {
        salesChannelId: string
        token: string
        regionId: string
        /** The store's ids of the imported products. */
        productIds: string[]
        productsCreated: number
        purchasesRecorded: number
        seconds: number
      }
    }

/** A publishable key for the default sales channel and a GBP region, made once. */
async function storefrontSetup(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
  const salesChannelId = stores[0].default_sales_channel_id as string
  const { data: keys } = await query.graph({ entity: "api_key", fields: ["token"], filters: { title: "bench", type: "publishable" } })
  let token = keys[0]?.token as string | undefined
  if (!token) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "bench", type: "publishable", created_by: "" }] },
    })
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: result[0].id, add: [salesChannelId] } })
    token = result[0].token
  }
  const { data: regions } = await query.graph({ entity: "region", fields: ["id"], filters: { currency_code: "gbp" } })
  let regionId = regions[0]?.id as string | undefined
  if (!regionId) {
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ name: "United Kingdom", currency_code: "gbp", countries: ["gb"] }] },
    })
    regionId = result[0].id
  }
  return { salesChannelId, token: token!, regionId: regionId! }
}

async function seed(send: (message: SeedMessage) => void) {
  const data = loadOnlineRetail((line) => send({ log: line }))
  const { container, shutdown } = await loadDevStore(express())
  try {
    const setup = await storefrontSetup(container)
    const started = Date.now()
    const imported = await importExchange(container, data, { salesChannelId: setup.salesChannelId, currencyCode: "gbp", price: () => 10 })
    send({
      seeded: {
        ...setup,
        productIds: [...imported.productIds.values()],
        productsCreated: imported.productsCreated,
        purchasesRecorded: imported.purchasesRecorded,
        seconds: (Date.now() - started) / 1000,
      },
    })
  } finally {
    await shutdown()
  }
}

if (require.main === module) {
  seed((message) => process.send!(message)).then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
}
