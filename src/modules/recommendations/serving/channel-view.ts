/**
 * The catalogue as one sales channel (or a publishable key's set of channels) sees it: products
 * published and in the channel, minus those a stock check or a hydration found unavailable.
 * Every answer is trusted for SERVING.stockTtlMs; after that it is re-checked in the background
 * (the old answer keeps serving meanwhile), so only a product never checked makes a request wait.
 */
import { setImmediate } from "timers/promises"
import type { Catalog } from "../../../engine"
import type { ServingCatalogue } from "./catalogue"
import { SERVING } from "./params"

export class ChannelView {
  /** The catalogue with this channel's `available`. */
  readonly catalog: Catalog
  private readonly productIds: string[]
  private readonly visible: Uint8Array
  /** Per item: until when its answer holds (ms); 0 = never checked. */
  private readonly checkedUntil: Float64Array
  /** Hidden items in the order their answers expire; `marked` flags the items in it. */
  private hidden: { id: number; until: number }[] = []
  private readonly marked: Uint8Array
  /** Items waiting for the background re-check, and the newest request time that asked. */
  private readonly queued = new Set<number>()
  private queuedAt = 0
  private rechecking = false
  private warmed = false

  /**
   * `previous`: the same channels' view of the catalogue before this one (a retraining or a
   * document change builds a new catalogue); its stock answers carry over by product id.
   */
  constructor(catalogue: ServingCatalogue, channelIds: string[], private readonly ttlMs = SERVING.stockTtlMs, previous?: ChannelView) {
    const { catalog, channels } = catalogue
    const wanted = new Set(channelIds)
    this.productIds = catalogue.productIds
    this.visible = Uint8Array.from(catalog.available, (a, i) => (a === 1 && channels[i].some((c) => wanted.has(c)) ? 1 : 0))
    this.catalog = { ...catalog, available: this.visible.slice() }
    this.checkedUntil = new Float64Array(catalog.nItems)
    this.marked = new Uint8Array(catalog.nItems)
    if (previous) this.carryOver(previous, catalogue.indexOf)
  }

  /**
   * Takes over another view's answers, expiry included, so a new model version (every few
   * minutes in a busy store) does not make requests wait for stock checks again. Drops do not
   * carry over: the new catalogue's documents say whether a product is still on sale.
   */
  private carryOver(previous: ChannelView, indexOf: Map<string, number>): void {
    const here = (old: number) => {
      const id = indexOf.get(previous.productIds[old])
      return id !== undefined && this.visible[id] === 1 ? id : undefined
    }
    for (let old = 0; old < previous.checkedUntil.length; old++) {
      const until = previous.checkedUntil[old]
      if (until === 0 || until === Infinity || previous.catalog.available[old] !== 1) continue
      const id = here(old)
      if (id !== undefined) this.checkedUntil[id] = until
    }
    for (const { id: old, until } of previous.hidden) {
      const id = here(old)
      if (id !== undefined && previous.checkedUntil[old] !== Infinity) this.hideUntil(id, until)
    }
  }

  /** Published and in the channel (stock aside). */
  isVisible(id: number): boolean {
    return id >= 0 && id < this.visible.length && this.visible[id] === 1
  }

  isAvailable(id: number): boolean {
    return this.catalog.available[id] === 1
  }

  neverChecked(id: number): boolean {
    return this.checkedUntil[id] === 0
  }

  /** Checked before, but the answer expired. */
  isStale(id: number, now: number): boolean {
    const until = this.checkedUntil[id]
    return until !== 0 && until <= now
  }

  /**
   * Once per view: the visible products never checked, in `order` first (best sellers), then the
   * rest, at most `max`, for a background check ahead of the requests that would list them.
   */
  takeUnchecked(order: ArrayLike<number>, max: number): number[] {
    if (this.warmed) return []
    this.warmed = true
    const out: number[] = []
    const taken = new Uint8Array(this.visible.length)
    const take = (id: number) => {
      if (out.length < max && taken[id] === 0 && this.visible[id] === 1 && this.checkedUntil[id] === 0) out.push(id)
      taken[id] = 1
    }
    for (let r = 0; r < order.length; r++) take(order[r])
    for (let id = 0; id < this.visible.length; id++) take(id)
    return out
  }

  /** Marks items as being re-checked, so concurrent requests do not check them again. */
  checking(ids: number[], now: number): void {
    for (const id of ids) this.checkedUntil[id] = now + this.ttlMs
  }

  /** Records answers: `unavailable` items leave lists, the others (back) in. */
  record(ids: number[], unavailable: Set<number>, now: number): void {
    for (const id of ids) {
      if (unavailable.has(id)) this.hide(id, now)
      else {
        this.checkedUntil[id] = now + this.ttlMs
        this.catalog.available[id] = this.visible[id]
      }
    }
  }

  /** Takes an item out of lists until a stock re-check finds it available. */
  hide(id: number, now: number): void {
    this.hideUntil(id, now + this.ttlMs)
  }

  private hideUntil(id: number, until: number): void {
    this.checkedUntil[id] = until
    this.catalog.available[id] = 0
    if (this.marked[id] === 1) return
    this.marked[id] = 1
    this.hidden.push({ id, until })
  }

  /**
   * Takes an item out of lists for as long as this view lives: hydration found it unpublished,
   * deleted or out of the channel, which its document will say too once synced (a new document
   * or model version builds new views).
   */
  drop(id: number): void {
    this.checkedUntil[id] = Infinity
    this.catalog.available[id] = 0
  }

  /**
   * Re-checks items in the background, coalesced across requests: one `run` at a time, and the
   * items requests add meanwhile go into the next (at most SERVING.recheckBatch a run). Answers
   * expire in waves (all those given in a busy minute, a TTL later): a query per request in a
   * wave stalled the server under load.
   */
  recheck(ids: number[], now: number, run: (batch: number[], now: number) => Promise<void>): void {
    for (const id of ids) this.queued.add(id)
    this.queuedAt = Math.max(this.queuedAt, now)
    if (this.rechecking) return
    this.rechecking = true
    const drain = async () => {
      while (this.queued.size) {
        const batch: number[] = []
        for (const id of this.queued) {
          if (batch.length === SERVING.recheckBatch) break
          batch.push(id)
        }
        for (const id of batch) this.queued.delete(id)
        await run(batch, this.queuedAt)
        // Requests that arrived during the batch go first.
        await setImmediate()
      }
    }
    drain().finally(() => (this.rechecking = false))
  }

  /** Hidden items whose answer expired: they stay hidden until re-checked. */
  takeExpired(now: number): number[] {
    let n = 0
    while (n < this.hidden.length && this.hidden[n].until <= now) n++
    if (!n) return []
    const expired = this.hidden.slice(0, n).map((h) => h.id)
    this.hidden = this.hidden.slice(n)
    for (const id of expired) this.marked[id] = 0
    return expired
  }
}

export const channelKey = (channelIds: string[]) => [...channelIds].sort().join(",")
