/**
 * The catalogue as one sales channel (or a publishable key's set of channels) sees it: products
 * published and in the channel, minus those a recent stock check or hydration found unavailable.
 * Those marks expire, so a restocked product comes back; a product's stock is re-checked when its
 * answer is older than SERVING.stockTtlMs.
 */
import type { Catalog } from "../../../engine"
import type { ServingCatalogue } from "./catalogue"
import { SERVING } from "./params"

export class ChannelView {
  /** The catalogue with this channel's `available`. */
  readonly catalog: Catalog
  private readonly visible: Uint8Array
  private readonly checkedUntil: Float64Array
  private readonly hidden: { id: number; until: number }[] = []

  constructor(catalogue: ServingCatalogue, channelIds: string[], private readonly ttlMs = SERVING.stockTtlMs) {
    const { catalog, channels } = catalogue
    const wanted = new Set(channelIds)
    this.visible = Uint8Array.from(catalog.available, (a, i) => (a === 1 && channels[i].some((c) => wanted.has(c)) ? 1 : 0))
    this.catalog = { ...catalog, available: this.visible.slice() }
    this.checkedUntil = new Float64Array(catalog.nItems)
  }

  /** Published and in the channel (stock aside). */
  isVisible(id: number): boolean {
    return id >= 0 && id < this.visible.length && this.visible[id] === 1
  }

  isAvailable(id: number): boolean {
    return this.catalog.available[id] === 1
  }

  /** True when the item's stock answer is missing or stale. */
  needsStockCheck(id: number, now: number): boolean {
    return this.checkedUntil[id] <= now
  }

  /** Records stock answers: the `unavailable` ones leave lists until their answer expires. */
  record(ids: number[], unavailable: Set<number>, now: number): void {
    for (const id of ids) {
      this.checkedUntil[id] = now + this.ttlMs
      if (unavailable.has(id)) this.hide(id, now)
    }
  }

  /** Takes an item out of lists for a while (out of stock, or gone when hydrated). */
  hide(id: number, now: number): void {
    if (this.catalog.available[id] === 0) return
    this.catalog.available[id] = 0
    this.checkedUntil[id] = now + this.ttlMs
    this.hidden.push({ id, until: now + this.ttlMs })
  }

  /** Brings back items whose mark expired (marks expire in the order they were made). */
  expire(now: number): void {
    let n = 0
    while (n < this.hidden.length && this.hidden[n].until <= now) {
      const { id } = this.hidden[n++]
      this.catalog.available[id] = this.visible[id]
      this.checkedUntil[id] = 0
    }
    if (n) this.hidden.splice(0, n)
  }
}

export const channelKey = (channelIds: string[]) => [...channelIds].sort().join(",")
