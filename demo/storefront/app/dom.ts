/** DOM building blocks: elements with text (never HTML from the store), tiles and prices. */
import type { HttpTypes } from "@medusajs/types"

type Child = Node | string | null | undefined | false

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) if (value !== undefined) el.setAttribute(name, value)
  for (const child of children) if (child) el.append(child)
  return el
}

/** The product's thumbnail, or its initials on a neutral tile (products may have no images). */
export function tile(product: Pick<HttpTypes.StoreProduct, "title" | "thumbnail">): HTMLElement {
  if (product.thumbnail) return h("div", { class: "tile" }, h("img", { src: product.thumbnail, alt: "" }))
  const initials = (product.title ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join("")
  return h("div", { class: "tile", "aria-hidden": "true" }, initials)
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount)
}

/** The lowest variant price for the region the list was priced for; empty when unpriced. */
export function priceOf(product: HttpTypes.StoreProduct): string {
  const prices = (product.variants ?? []).flatMap((v) => (v.calculated_price?.calculated_amount != null ? [v.calculated_price] : []))
  if (!prices.length) return ""
  const lowest = prices.reduce((a, b) => (b!.calculated_amount! < a!.calculated_amount! ? b : a))!
  return money(lowest.calculated_amount!, lowest.currency_code!)
}
