/**
 * The engine's hand-built store (test/unit/engine/fixture.ts) as serving sees it: the model saved
 * with product ids p0..p7 and category ids c0..c3, and product documents for it.
 */
import { SURFACE_DEFAULTS } from "../../../src/engine"
import type { LoadedModel } from "../../../src/modules/recommendations/types"
import { buildCatalogue, type ServingCatalogue, type ServingDocument } from "../../../src/modules/recommendations/serving/catalogue"
import { ChannelView } from "../../../src/modules/recommendations/serving/channel-view"
import type { ServingSnapshot } from "../../../src/modules/recommendations/serving/state"
import { StockChecker } from "../../../src/modules/recommendations/serving/stock"
import { ITEMS, modelOf } from "../engine/fixture"

export const loadedModel = (): LoadedModel => ({
  id: "recmv_1",
  version: 1,
  model: modelOf(),
  productIds: ITEMS.map((_, i) => `p${i}`),
  categoryIds: ["c0", "c1", "c2", "c3"],
  counts: { orders: 10, lines: 20, products: 8, customers: 0 },
  trainedUntil: null,
})

/** Documents for the fixture's items (created one day apart, p0 oldest), in the channel "web". */
export function documentsOf(overrides: Partial<Record<string, Partial<ServingDocument>>> = {}): ServingDocument[] {
  return ITEMS.map((item, i) => ({
    product_id: `p${i}`,
    title: item.title,
    status: "published",
    sales_channel_ids: ["web"],
    categories: (item.categories ?? []).map((c) => ({ id: `c${c}`, name: `Category ${c}` })),
    tags: [],
    collection_id: null,
    type_id: null,
    price: null,
    created_at_source: new Date(Date.UTC(2024, 0, 1 + i)),
    ...overrides[`p${i}`],
  }))
}

/** A snapshot with the default settings and no rules; `outOfStock` stands in for the stock query. */
export function snapshotOf(catalogue: ServingCatalogue, outOfStock: (ids: string[]) => string[] = () => []) {
  const stock = new StockChecker()
  const calls: string[][] = []
  stock.outOfStock = async (_query, ids) => {
    calls.push(ids)
    return new Set(outOfStock(ids))
  }
  const views = new Map<string, ChannelView>()
  const snapshot: ServingSnapshot = {
    catalogue,
    settings: structuredClone(SURFACE_DEFAULTS),
    rules: [],
    view: (channels) => {
      const key = channels.join(",")
      if (!views.has(key)) views.set(key, new ChannelView(catalogue, channels))
      return views.get(key)!
    },
    stock,
  }
  return { snapshot, calls }
}

export { buildCatalogue }
