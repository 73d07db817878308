/**
 * The storefront test's store: the admin test's (seed.ts: products, a region, orders in which
 * "Linen Shirt" goes with its accessories, Ada's purchases, the history import), plus what a
 * storefront needs: a publishable key on the default sales channel and an email/password login
 * for Ada's customer, who keeps her order history. Prints StorefrontSeeded as JSON.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createApiKeysWorkflow, linkSalesChannelsToApiKeyWorkflow } from "@medusajs/core-flows"
import seed from "./seed"
import { CUSTOMER, CUSTOMER_PASSWORD, type StorefrontSeeded } from "./seed-data"

export default async function storefrontSeed(args: ExecArgs) {
  const { container } = args
  await seed(args)
  const [channel] = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { take: 1 })
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Demo storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })

  // Ada's orders name her guest customer: her login is that customer's (what registering through
  // /store/customers does for a new one: has_account, and the identity's customer_id).
  const customers = container.resolve(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ email: CUSTOMER.email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email: CUSTOMER.email, password: CUSTOMER_PASSWORD } } as never)
  if (!authIdentity) throw new Error(`Ada's login not registered: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { customer_id: customer.id } })
  await customers.updateCustomers(customer.id, { has_account: true })

  const products = await container.resolve(Modules.PRODUCT).listProducts({}, { select: ["id", "title"] })
  const [region] = await container.resolve(Modules.REGION).listRegions({}, { take: 1 })
  const [, customerOrders] = await container.resolve(Modules.ORDER).listAndCountOrders({ customer_id: customer.id }, { take: 1 })
  const seeded: StorefrontSeeded = {
    products: Object.fromEntries(products.map((p) => [p.title, p.id])) as StorefrontSeeded["products"],
    publishableKey: key.token,
    regionId: region.id,
    customerOrders,
  }
  console.log(JSON.stringify(seeded))
}
