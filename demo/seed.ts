/**
 * The demo store's setup, run with `medusa exec demo/seed.ts DATA_DIR` before the history import:
 * pounds sterling as the store's currency, a United Kingdom region, a publishable key for the
 * storefront, and Online Retail's customers (customers.json of demo/catalogue.ts, each with its
 * CustomerID as `metadata.external_id`, which the import matches orders to). The busiest few get
 * an account with a password, so the storefront can log in as them for "For you". Each step
 * skips what is already there. Prints what the storefront needs as one JSON line (SETUP_LINE).
 */
import { readFileSync } from "fs"
import path from "path"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCustomerAccountWorkflow,
  createCustomersWorkflow,
  createRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateStoresWorkflow,
} from "@medusajs/core-flows"
import type { DemoCustomer } from "./catalogue"
import { SETUP_LINE, type DemoSetup } from "./setup"

export const DEMO_KEY_TITLE = "Demo storefront"
export const SHOPPER_PASSWORD = "demo-shopper"
/** Customers the storefront can log in as. */
const ACCOUNTS = 8
const CUSTOMER_BATCH = 500

async function storeBasics(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({ entity: "store", fields: ["id", "default_sales_channel_id", "supported_currencies.currency_code"] })
  const store = stores[0]
  if (!store.supported_currencies?.some((c: { currency_code: string } | null) => c?.currency_code === "gbp")) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { supported_currencies: [{ currency_code: "gbp", is_default: true }] } },
    })
  }
  const { data: regions } = await query.graph({ entity: "region", fields: ["id"], filters: { currency_code: "gbp" } })
  const regionId =
    regions[0]?.id ??
    (await createRegionsWorkflow(container).run({ input: { regions: [{ name: "United Kingdom", currency_code: "gbp", countries: ["gb"] }] } })).result[0].id
  const { data: keys } = await query.graph({ entity: "api_key", fields: ["token"], filters: { title: DEMO_KEY_TITLE, type: "publishable" } })
  let publishableKey = keys[0]?.token as string | undefined
  if (!publishableKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: DEMO_KEY_TITLE, type: "publishable", created_by: "" }] },
    })
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: result[0].id, add: [store.default_sales_channel_id!] } })
    publishableKey = result[0].token
  }
  return { regionId, publishableKey: publishableKey! }
}

async function customers(container: MedusaContainer, all: DemoCustomer[]) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const existing = new Set((await customerModule.listCustomers({}, { select: ["email"], take: null })).map((c) => c.email))
  const data = (c: DemoCustomer) => ({ email: c.email, first_name: c.first_name, last_name: c.last_name, metadata: { external_id: c.external_id } })
  const accounts = all.slice(0, ACCOUNTS)
  for (const c of accounts) {
    if (existing.has(c.email)) continue
    const auth = container.resolve(Modules.AUTH)
    const { success, authIdentity, error } = await auth.register("emailpass", { body: { email: c.email, password: SHOPPER_PASSWORD } })
    if (!success || !authIdentity) throw new Error(`demo seed: no account for ${c.email}: ${error}`)
    await createCustomerAccountWorkflow(container).run({ input: { authIdentityId: authIdentity.id, customerData: data(c) } })
  }
  const rest = all.slice(ACCOUNTS).filter((c) => !existing.has(c.email))
  for (let i = 0; i < rest.length; i += CUSTOMER_BATCH) {
    await createCustomersWorkflow(container).run({ input: { customersData: rest.slice(i, i + CUSTOMER_BATCH).map(data) } })
    console.log(`customers ${Math.min(i + CUSTOMER_BATCH, rest.length)}/${rest.length}`)
  }
  return accounts.map((c) => ({ email: c.email, password: SHOPPER_PASSWORD, name: `${c.first_name} ${c.last_name}`, orders: c.orders }))
}

export default async function seedDemo({ container, args }: ExecArgs) {
  const [dataDir] = args
  const all: DemoCustomer[] = JSON.parse(readFileSync(path.join(dataDir, "customers.json"), "utf8"))
  const basics = await storeBasics(container)
  const shoppers = await customers(container, all)
  const setup: DemoSetup = { ...basics, shoppers }
  console.log(SETUP_LINE + JSON.stringify(setup))
}
