/**
 * The demo storefront: a shop with search, product pages with "Frequently bought together",
 * "Related" and "Recently viewed", a cart with "Complete your cart", and "For you" for the
 * visitor or a customer picked in the header. Hash routes: #/, #/products/:id, #/cart, #/for-you.
 */
import type { HttpTypes } from "@medusajs/types"
import { h, money, priceOf, tile } from "./dom"
import { addToCart, currentCart, openShop, shopAs, track, type Shop } from "./shop"
import { productCard, widget } from "./widgets"

const page = document.getElementById("page")!

function shopperName(shop: Shop): string {
  if (!shop.customer) return "this visitor"
  return [shop.customer.first_name, shop.customer.last_name].filter(Boolean).join(" ") || shop.customer.email
}

async function home(shop: Shop) {
  const search = h("input", { type: "search", class: "search", placeholder: "Search products", "aria-label": "Search products" })
  const grid = h("div", { class: "grid", "data-testid": "product-grid" })
  const list = async () => {
    const q = search.value.trim()
    const { products } = await shop.sdk.store.product.list({ q: q || undefined, region_id: shop.region.id, limit: 24 })
    grid.replaceChildren(...(products.length ? products.map((p) => productCard(p)) : [h("p", { class: "muted" }, `Nothing matches "${q}".`)]))
  }
  let typing: ReturnType<typeof setTimeout> | undefined
  search.addEventListener("input", () => {
    clearTimeout(typing)
    typing = setTimeout(list, 250)
  })
  page.replaceChildren(
    h("h1", {}, "Shop"),
    search,
    grid,
    recentlyViewed(shop),
    widget(shop, { title: "Trending", note: "What sells now", params: { surface: "trending" }, empty: "No orders yet." })
  )
  await list()
}

const recentlyViewed = (shop: Shop, exclude?: string) =>
  widget(shop, {
    title: "Recently viewed",
    note: `By ${shopperName(shop)}`,
    params: { surface: "recently_viewed" },
    empty: "Products you open appear here.",
    exclude,
  })

async function product(shop: Shop, id: string) {
  const [{ product }] = await Promise.all([
    shop.sdk.store.product.retrieve(id, { region_id: shop.region.id }),
    // Recorded before the lists load, so "Recently viewed" already has it.
    track(shop, [{ type: "view", product_id: id }]),
  ])
  const variants = product.variants ?? []
  const variant = h("select", { "aria-label": "Variant" }, ...variants.map((v) => h("option", { value: v.id }, v.title ?? v.id)))
  const add = h("button", { class: "primary", type: "button" }, "Add to cart")
  const status = h("span", { class: "muted", role: "status" })
  add.disabled = !variants.length
  add.addEventListener("click", async () => {
    add.disabled = true
    try {
      const cart = await addToCart(shop, product.id, variant.value)
      showCartCount(cart)
      status.replaceChildren(`Added. `, h("a", { href: "#/cart" }, "View cart →"))
    } catch (error) {
      status.replaceChildren(h("span", { class: "error" }, (error as Error).message))
    } finally {
      add.disabled = false
    }
  })
  page.replaceChildren(
    h(
      "div",
      { class: "product" },
      tile(product),
      h(
        "div",
        {},
        h("h1", { "data-testid": "product-title" }, product.title),
        h("div", { class: "price" }, priceOf(product)),
        product.description ? h("p", {}, product.description) : null,
        h("div", { class: "buy" }, variants.length > 1 ? variant : null, add, status)
      )
    ),
    widget(shop, {
      title: "Frequently bought together",
      note: "From orders",
      params: { product_id: id, surface: "also_bought" },
      empty: "Not bought with anything yet.",
    }),
    widget(shop, { title: "Related", note: "Similar products", params: { product_id: id, surface: "related" }, empty: "Nothing similar." }),
    recentlyViewed(shop, id)
  )
}

function cartLine(item: HttpTypes.StoreCartLineItem, currency: string): HTMLElement {
  return h(
    "li",
    { "data-testid": "cart-line", "data-product-id": item.product_id ?? "" },
    tile({ title: item.product_title ?? item.title, thumbnail: item.thumbnail ?? null }),
    h("div", {}, h("div", { class: "card-title" }, item.product_title ?? item.title), h("div", { class: "muted" }, `Qty ${item.quantity}`)),
    h("div", {}, money(Number(item.total ?? 0), currency))
  )
}

async function cart(shop: Shop) {
  const current = await currentCart(shop)
  showCartCount(current)
  if (!current?.items?.length) {
    page.replaceChildren(
      h("h1", {}, "Cart"),
      h("p", { class: "muted" }, "Your cart is empty."),
      widget(shop, { title: "Trending", note: "What sells now", params: { surface: "trending" }, empty: "No orders yet." })
    )
    return
  }
  page.replaceChildren(
    h("h1", {}, "Cart"),
    h("ul", { class: "lines" }, ...current.items.map((item) => cartLine(item, current.currency_code))),
    h("div", { class: "total" }, `Total ${money(Number(current.total ?? 0), current.currency_code)}`),
    widget(shop, {
      title: "Complete your cart",
      note: "Goes with what is in your cart",
      params: { surface: "cart", cart_id: current.id },
      empty: "Nothing to add.",
    })
  )
}

async function forYou(shop: Shop) {
  page.replaceChildren(
    h("h1", {}, "For you"),
    h(
      "p",
      { class: "muted" },
      shop.customer
        ? `Picked for ${shopperName(shop)} from their orders and what they viewed.`
        : "Picked from what this visitor viewed; pick a customer in the header to see theirs."
    ),
    widget(shop, { title: `For ${shopperName(shop)}`, note: "Personal", params: { surface: "for_you" }, empty: "Nothing yet.", limit: 12 }),
    recentlyViewed(shop)
  )
}

function showCartCount(cart: HttpTypes.StoreCart | null) {
  document.getElementById("cart-count")!.textContent = String((cart?.items ?? []).reduce((n, i) => n + i.quantity, 0))
}

async function render(shop: Shop) {
  const route = location.hash.replace(/^#/, "") || "/"
  const productId = /^\/products\/([^/?]+)/.exec(route)?.[1]
  window.scrollTo(0, 0)
  try {
    if (productId) await product(shop, decodeURIComponent(productId))
    else if (route.startsWith("/cart")) await cart(shop)
    else if (route.startsWith("/for-you")) await forYou(shop)
    else await home(shop)
  } catch (error) {
    page.replaceChildren(h("p", { class: "error" }, (error as Error).message))
  }
}

function shopperPicker(shop: Shop) {
  const select = document.getElementById("shopper") as HTMLSelectElement
  select.replaceChildren(
    h("option", { value: "" }, "Anonymous visitor"),
    ...shop.config.customers.map((c) => h("option", { value: c.email }, `${c.name} · ${c.orders} orders`))
  )
  select.value = shop.customer?.email ?? ""
  select.addEventListener("change", async () => {
    select.disabled = true
    try {
      await shopAs(shop, select.value)
    } catch (error) {
      select.value = ""
      alert(`Could not log in: ${(error as Error).message}`)
    } finally {
      select.disabled = false
    }
    await render(shop)
  })
}

openShop().then(
  async (shop) => {
    shopperPicker(shop)
    window.addEventListener("hashchange", () => void render(shop))
    await Promise.all([render(shop), currentCart(shop).then(showCartCount)])
  },
  (error: Error) => page.replaceChildren(h("p", { class: "error" }, `The store did not answer: ${error.message}`))
)
