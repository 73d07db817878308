/** Product cards and the recommendation widgets, which report their impressions and clicks. */
import type { HttpTypes } from "@medusajs/types"
import type { ListRecommendationsParams, RecommendedProduct } from "../../../src/client"
import { h, priceOf, tile } from "./dom"
import { track, type Shop } from "./shop"

export function productCard(product: HttpTypes.StoreProduct, ...extra: HTMLElement[]): HTMLAnchorElement {
  return h(
    "a",
    { class: "card", href: `#/products/${product.id}`, "data-product-id": product.id },
    tile(product),
    h("span", { class: "card-title" }, product.title),
    h("span", { class: "price" }, priceOf(product)),
    ...extra
  )
}

export interface WidgetSpec {
  title: string
  /** A line next to the title: where the list comes from. */
  note: string
  params: ListRecommendationsParams
  /** Shown when the list is empty. */
  empty: string
  /** A product not to show (the page's own, on "Recently viewed"). */
  exclude?: string
  limit?: number
}

/**
 * A titled row of recommended products, each with its reason in small print. The products shown
 * are reported as impressions, a click on one as a click, both with the list's recommendation_id.
 */
export function widget(shop: Shop, spec: WidgetSpec): HTMLElement {
  const surface = spec.params.surface ?? "also_bought"
  const limit = spec.limit ?? 6
  const grid = h("div", { class: "grid" }, h("p", { class: "muted" }, "Loading…"))
  const section = h(
    "section",
    { class: "widget", "data-testid": `widget-${surface}` },
    h("header", {}, h("h2", {}, spec.title), h("small", {}, spec.note)),
    grid
  )
  shop.recommendations
    .listRecommendations({
      ...spec.params,
      session_id: shop.sessionId,
      region_id: shop.region.id,
      limit: spec.exclude ? limit + 1 : limit,
    })
    .then(
      ({ recommendation_id, products }) => {
        const shown = products.filter((p) => p.id !== spec.exclude).slice(0, limit)
        section.dataset.recommendationId = recommendation_id
        if (!shown.length) return grid.replaceChildren(h("p", { class: "muted" }, spec.empty))
        grid.replaceChildren(...shown.map((p) => recommendedCard(shop, p, recommendation_id)))
        // A widget replaced before its list came is never seen.
        if (section.isConnected) {
          void track(shop, shown.map((p) => ({ type: "impression", product_id: p.id, recommendation_id })))
        }
      },
      (error: Error) => grid.replaceChildren(h("p", { class: "error" }, error.message))
    )
  return section
}

function recommendedCard(shop: Shop, product: RecommendedProduct, recommendationId: string): HTMLElement {
  const card = productCard(product, h("span", { class: "reason" }, product.recommendation.reason))
  card.dataset.testid = "rec-card"
  // The link navigates within the page (hash routing), so the request is not cut short.
  card.addEventListener("click", () => void track(shop, [{ type: "click", product_id: product.id, recommendation_id: recommendationId }]))
  return card
}
