/**
 * Which products cannot be bought in a sales channel: every variant manages inventory, allows no
 * backorder, and has less than one unit available across the channel's stock locations (Medusa's
 * own availability rule: per inventory item, available quantity / required quantity, the least
 * of them). A product without variants is never counted out of stock here.
 */
import type { RemoteQueryFunction } from "@medusajs/framework/types"
import { SERVING } from "./params"

export type Query = Omit<RemoteQueryFunction, symbol>

interface VariantStock {
  product_id: string
  manage_inventory: boolean | null
  allow_backorder: boolean | null
  inventory_items?: {
    required_quantity: number | null
    inventory?: { location_levels?: { location_id: string; stocked_quantity: number | null; reserved_quantity: number | null }[] | null } | null
  }[]
}

export class StockChecker {
  private readonly locations = new Map<string, { ids: Set<string>; until: number }>()

  /** The ids among `productIds` that are out of stock in the channels: one variants query. */
  async outOfStock(query: Query, productIds: string[], channelIds: string[]): Promise<Set<string>> {
    if (!productIds.length) return new Set()
    const [{ data }, locations] = await Promise.all([
      query.graph({
        entity: "variant",
        fields: [
          "product_id",
          "manage_inventory",
          "allow_backorder",
          "inventory_items.required_quantity",
          "inventory_items.inventory.location_levels.location_id",
          // available_quantity is computed by the inventory module and not selectable on its own.
          "inventory_items.inventory.location_levels.stocked_quantity",
          "inventory_items.inventory.location_levels.reserved_quantity",
        ],
        filters: { product_id: productIds },
      }),
      this.channelLocations(query, channelIds),
    ])
    const sellable = new Set<string>()
    const withVariants = new Set<string>()
    for (const variant of data as VariantStock[]) {
      withVariants.add(variant.product_id)
      if (isSellable(variant, locations)) sellable.add(variant.product_id)
    }
    return new Set(productIds.filter((id) => withVariants.has(id) && !sellable.has(id)))
  }

  private async channelLocations(query: Query, channelIds: string[]): Promise<Set<string>> {
    const key = [...channelIds].sort().join(",")
    const cached = this.locations.get(key)
    if (cached && cached.until > Date.now()) return cached.ids
    const { data } = await query.graph({
      entity: "sales_channel_locations",
      fields: ["stock_location_id"],
      filters: { sales_channel_id: channelIds },
    })
    const ids = new Set((data as { stock_location_id: string }[]).map((l) => l.stock_location_id))
    this.locations.set(key, { ids, until: Date.now() + SERVING.locationsTtlMs })
    return ids
  }
}

function isSellable(variant: VariantStock, locations: Set<string>): boolean {
  if (!variant.manage_inventory || variant.allow_backorder) return true
  const items = variant.inventory_items ?? []
  if (!items.length) return true
  let units = Infinity
  for (const item of items) {
    let available = 0
    for (const level of item.inventory?.location_levels ?? []) {
      if (locations.has(level.location_id)) available += (level.stocked_quantity ?? 0) - (level.reserved_quantity ?? 0)
    }
    units = Math.min(units, Math.floor(available / (item.required_quantity || 1)))
  }
  return units >= 1
}

