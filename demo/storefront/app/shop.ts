/**
 * The storefront's connection to the store: the sdk with the page's configuration, the plugin's
 * client, the visitor's session id, the chosen region, the cart and the logged-in customer.
 */
import Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"
import { anonymousSessionId, recommendationsClient, type RecommendationEvent, type RecommendationsClient } from "../../../src/client"
// Type only: the server that answers /config.json (nothing of it is bundled).
import type { StorefrontConfig } from "../index"


export interface Shop {
  config: StorefrontConfig
  sdk: Medusa
  recommendations: RecommendationsClient
  sessionId: string
  region: HttpTypes.StoreRegion
  customer: HttpTypes.StoreCustomer | null
}

const CART_KEY = "demo_cart_id"

export async function openShop(): Promise<Shop> {
  const config = (await (await fetch("./config.json")).json()) as StorefrontConfig
  // The customer's token stays in localStorage (the sdk's default), so a reload keeps the login.
  const sdk = new Medusa({ baseUrl: config.backendUrl, publishableKey: config.publishableKey })
  const [region, customer] = await Promise.all([
    config.regionId
      ? sdk.store.region.retrieve(config.regionId).then((r) => r.region)
      : sdk.store.region.list({ limit: 1 }).then((r) => r.regions[0]),
    currentCustomer(sdk),
  ])
  return { config, sdk, recommendations: recommendationsClient(sdk), sessionId: anonymousSessionId(), region, customer }
}

async function currentCustomer(sdk: Medusa): Promise<HttpTypes.StoreCustomer | null> {
  if (!(await sdk.client.getToken())) return null
  // An expired or foreign token: back to anonymous.
  return sdk.store.customer.retrieve().then(
    (r) => r.customer,
    async () => {
      await sdk.client.clearToken()
      return null
    }
  )
}

/** Logs in as one of the configured customers, or out (`email` empty). */
export async function shopAs(shop: Shop, email: string): Promise<void> {
  if (shop.customer) await shop.sdk.auth.logout()
  shop.customer = null
  const account = shop.config.customers.find((c) => c.email === email)
  if (!account) return
  await shop.sdk.auth.login("customer", "emailpass", { email: account.email, password: account.password })
  shop.customer = await currentCustomer(shop.sdk)
}

/**
 * Sends events through the plugin's route with the visitor's session id (a logged-in customer's
 * are attributed to them by the route). A lost event is logged, never shown to the shopper.
 */
export function track(shop: Shop, events: RecommendationEvent[]): Promise<void> {
  if (!events.length) return Promise.resolve()
  return shop.recommendations.trackEvents(events, { session_id: shop.sessionId }).then(
    () => undefined,
    (error) => console.warn("recommendation events not recorded:", error)
  )
}

const CART_FIELDS = "*items,*items.product,*items.variant"

export async function currentCart(shop: Shop): Promise<HttpTypes.StoreCart | null> {
  const id = localStorage.getItem(CART_KEY)
  if (!id) return null
  return shop.sdk.store.cart.retrieve(id, { fields: CART_FIELDS }).then(
    (r) => r.cart,
    () => {
      localStorage.removeItem(CART_KEY)
      return null
    }
  )
}

export async function addToCart(shop: Shop, productId: string, variantId: string): Promise<HttpTypes.StoreCart> {
  let id = (await currentCart(shop))?.id
  if (!id) {
    id = (await shop.sdk.store.cart.create({ region_id: shop.region.id })).cart.id
    localStorage.setItem(CART_KEY, id)
  }
  const { cart } = await shop.sdk.store.cart.createLineItem(id, { variant_id: variantId, quantity: 1 }, { fields: CART_FIELDS })
  await track(shop, [{ type: "add_to_cart", product_id: productId, variant_id: variantId }])
  return cart
}
