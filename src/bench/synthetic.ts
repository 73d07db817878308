/**
 * Synthetic order history fitted to a real one (Online Retail in the benchmarks), for timing and
 * memory runs at sizes no public dataset has: millions of order lines over a large catalogue.
 *
 * How it is built, and what it keeps of the source:
 *
 * - Orders are whole source orders replayed ("replicas"). The source stream is copied
 *   floor(lines / sourceLines) times, then a random subset of source orders (a seeded shuffle,
 *   taken until the line count is reached; the last one truncated) forms a partial replica. So the
 *   basket sizes follow the empirical distribution exactly (stratified, not merely sampled), and
 *   the quantities are the source's.
 *
 * - Time: every copy keeps its source order's time, spread evenly over the gap to the next source
 *   order, so the time span and the seasonality are the source's and the output stays sorted.
 *
 * - Products: the source's ordered products, ranked by popularity (order lines), are stretched
 *   over `items` synthetic products: source rank r owns the block of synthetic ranks
 *   [r * items / n, (r + 1) * items / n), about items / n "clones" of that template product. A
 *   source line of template r becomes one clone of its block, each clone equally likely, so a
 *   block's mass is its template's popularity and the synthetic rank-frequency curve is the
 *   empirical curve stretched to `items` products (a step per template). Synthetic ids are a
 *   seeded permutation of the ranks, so an id says nothing about popularity. `template` maps each
 *   synthetic product back to its source product (for titles, say).
 *
 * - Co-purchase structure: which clone a line takes is not independent per line. Every customer
 *   (or, for a guest, every order) has a "segment" u in [0, 1); with probability `cohesion` a line
 *   takes the clone at relative position u of its block, else a uniformly random clone. So clones
 *   at the same position of two templates that the source buys together are bought together too:
 *   the synthetic store behaves like ~items/n parallel copies of the source store whose shoppers
 *   sometimes cross over. Neighbour lists therefore carry the source's co-purchase signal (diluted
 *   by the crossing), not noise, and a customer's repeat purchases hit the same clones, as in the
 *   source. It is a cheap stand-in for a real large catalogue: every basket's set of templates is
 *   one a real shopper bought, which makes the synthetic baskets more alike than a real store's.
 *
 * - Customers: a registered source customer becomes one synthetic customer per replica, so the
 *   orders-per-customer distribution is the source's exactly in the full replicas (the partial
 *   replica thins it), and guest orders stay guests: the guest share is the source's.
 *
 * Items are distinct within an order: with items >= source products the blocks are disjoint and
 * source baskets are distinct already; with fewer items blocks overlap, and a line that would
 * repeat a product takes the next synthetic rank not yet in the basket instead (only a basket
 * larger than the whole catalogue loses lines, so `lines` is exact otherwise).
 *
 * Memory: typed arrays only (the output, plus O(source) working arrays); 10M lines take about
 * 130 MB of output (items and quantities 4 bytes per line, time and customer per order).
 */
import type { Orders } from "../engine/types"

export interface SyntheticOptions {
  /** Order lines to generate. */
  lines: number
  /** Products in the synthetic catalogue. */
  items: number
  seed?: number
  /** Share of a basket's lines that follow the customer's segment (see above). */
  cohesion?: number
}

/** Orders plus, per synthetic product, the source product it was cloned from. */
export interface SyntheticOrders extends Orders {
  template: Uint32Array
}

/** mulberry32: small, fast, and the same sequence for the same seed; uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher-Yates shuffle of 0..n-1. */
function permutation(n: number, random: () => number): Uint32Array {
  const p = new Uint32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = p[i]
    p[i] = p[j]
    p[j] = t
  }
  return p
}

export function synthesizeOrders(source: Orders, opts: SyntheticOptions): SyntheticOrders {
  const { lines, items } = opts
  const cohesion = opts.cohesion ?? 0.8
  const random = mulberry32(opts.seed ?? 42)
  const nSource = source.offsets.length - 1
  const sourceLines = source.offsets[nSource]
  if (!(lines >= 0) || !Number.isInteger(lines)) throw new Error(`lines must be a non-negative integer, got ${lines}`)
  if (!(items >= 1) || !Number.isInteger(items)) throw new Error(`items must be a positive integer, got ${items}`)
  if (sourceLines === 0) throw new Error("the source has no order lines")

  // Popularity ranks of the source products that were ordered at all.
  const popularity = new Uint32Array(source.nItems)
  for (let l = 0; l < sourceLines; l++) popularity[source.items[l]]++
  const rankedList: number[] = []
  for (let i = 0; i < source.nItems; i++) if (popularity[i] > 0) rankedList.push(i)
  rankedList.sort((a, b) => popularity[b] - popularity[a] || a - b)
  const ranked = Uint32Array.from(rankedList)
  const n = ranked.length

  // Each template's block of synthetic ranks; synthetic ids are a permutation of the ranks.
  const ids = permutation(items, random)
  const blockStart = new Uint32Array(source.nItems)
  const blockSize = new Uint32Array(source.nItems)
  const template = new Uint32Array(items)
  const assigned = new Uint8Array(items)
  for (let r = 0; r < n; r++) {
    const start = Math.floor((r * items) / n)
    const end = Math.min(items, Math.max(Math.floor(((r + 1) * items) / n), start + 1))
    blockStart[ranked[r]] = start
    blockSize[ranked[r]] = end - start
    for (let R = start; R < end; R++) {
      if (assigned[R]) continue // overlapping blocks (items < n): the more popular template names it
      assigned[R] = 1
      template[ids[R]] = ranked[r]
    }
  }

  // Replicas: `full` copies of every source order, then a shuffled subset for the remainder.
  const full = Math.floor(lines / sourceLines)
  let remainder = lines - full * sourceLines
  const extra = new Uint8Array(nSource)
  let truncatedOrder = -1
  let truncatedSize = 0
  let nOrders = full * nSource
  if (remainder > 0) {
    const shuffled = permutation(nSource, random)
    for (let s = 0; s < nSource && remainder > 0; s++) {
      const o = shuffled[s]
      const size = source.offsets[o + 1] - source.offsets[o]
      if (size === 0) continue
      extra[o] = 1
      nOrders++
      if (size >= remainder) {
        if (size > remainder) {
          truncatedOrder = o
          truncatedSize = remainder
        }
        remainder = 0
      } else remainder -= size
    }
  }
  const replicas = full + (lines - full * sourceLines > 0 ? 1 : 0)

  // Customers: (source customer, replica) -> a dense id on first appearance, with a segment each.
  const customerId = new Int32Array(source.nCustomers * replicas).fill(-1)
  const segment = new Float64Array(source.nCustomers * replicas)
  let nCustomers = 0

  const offsets = new Uint32Array(nOrders + 1)
  const outItems = new Uint32Array(lines)
  const quantities = new Float32Array(lines)
  const time = new Float64Array(nOrders)
  const customer = new Int32Array(nOrders)
  const seenIn = new Int32Array(items).fill(-1)
  let at = 0
  let order = 0
  for (let o = 0; o < nSource; o++) {
    const copies = full + extra[o]
    if (copies === 0) continue
    const from = source.offsets[o]
    const sourceSize = source.offsets[o + 1] - from
    const t = source.time[o]
    const gap = o + 1 < nSource ? Math.max(0, source.time[o + 1] - t) : 0
    for (let replica = 0; replica < copies; replica++) {
      // The partial replica is the last one; its truncated order keeps only the first lines.
      const size = replica === full && o === truncatedOrder ? truncatedSize : sourceSize
      const c = source.customer[o]
      let u: number
      if (c >= 0) {
        const key = c * replicas + replica
        if (customerId[key] < 0) {
          customerId[key] = nCustomers++
          segment[key] = random()
        }
        customer[order] = customerId[key]
        u = segment[key]
      } else {
        customer[order] = -1
        u = random()
      }
      time[order] = t + (replica * gap) / copies
      for (let l = from; l < from + size; l++) {
        const i = source.items[l]
        const m = blockSize[i]
        let rank = blockStart[i] + Math.floor((random() < cohesion ? u : random()) * m)
        let id = ids[rank]
        // Only when blocks overlap (items < n): take the next free rank instead of a repeat.
        for (let probe = 1; seenIn[id] === order && probe < items; probe++) id = ids[(rank = rank + 1 === items ? 0 : rank + 1)]
        if (seenIn[id] === order) continue // a basket larger than the whole catalogue
        seenIn[id] = order
        outItems[at] = id
        quantities[at++] = source.quantities[l]
      }
      offsets[++order] = at
    }
  }
  return {
    nItems: items,
    nCustomers,
    offsets,
    items: at === lines ? outItems : outItems.slice(0, at),
    quantities: at === lines ? quantities : quantities.slice(0, at),
    time,
    customer,
    template,
  }
}

/** Summary figures of an order history, to compare a synthetic one with its source. */
export interface OrdersProfile {
  orders: number
  lines: number
  items: number
  /** Products with at least one order line. */
  orderedItems: number
  meanBasket: number
  /** Basket size at the 50th / 90th / 99th percentile. */
  basketP50: number
  basketP90: number
  basketP99: number
  /** Share of order lines on the most popular 1% / 10% of the catalogue. */
  top1: number
  top10: number
  guestShare: number
  customers: number
  ordersPerCustomer: number
  /** Share of registered customers with exactly one order. */
  oneOrderCustomers: number
  spanDays: number
}

export function profileOrders(orders: Orders): OrdersProfile {
  const nOrders = orders.offsets.length - 1
  const nLines = orders.offsets[nOrders]
  const sizes = new Uint32Array(nOrders)
  for (let o = 0; o < nOrders; o++) sizes[o] = orders.offsets[o + 1] - orders.offsets[o]
  sizes.sort()
  const quantile = (q: number) => (nOrders ? sizes[Math.min(nOrders - 1, Math.floor(q * nOrders))] : 0)
  const popularity = new Uint32Array(orders.nItems)
  for (let l = 0; l < nLines; l++) popularity[orders.items[l]]++
  popularity.sort().reverse()
  let orderedItems = 0
  for (let i = 0; i < popularity.length; i++) if (popularity[i] > 0) orderedItems++
  const topShare = (f: number) => {
    let s = 0
    for (let i = 0; i < Math.ceil(f * popularity.length); i++) s += popularity[i]
    return nLines ? s / nLines : 0
  }
  const perCustomer = new Uint32Array(orders.nCustomers)
  let guests = 0
  for (let o = 0; o < nOrders; o++) {
    if (orders.customer[o] < 0) guests++
    else perCustomer[orders.customer[o]]++
  }
  let active = 0
  let once = 0
  for (let c = 0; c < perCustomer.length; c++) {
    if (perCustomer[c] > 0) active++
    if (perCustomer[c] === 1) once++
  }
  let first = Infinity
  let last = -Infinity
  for (let o = 0; o < nOrders; o++) {
    if (orders.time[o] < first) first = orders.time[o]
    if (orders.time[o] > last) last = orders.time[o]
  }
  return {
    orders: nOrders,
    lines: nLines,
    items: orders.nItems,
    orderedItems,
    meanBasket: nOrders ? nLines / nOrders : 0,
    basketP50: quantile(0.5),
    basketP90: quantile(0.9),
    basketP99: quantile(0.99),
    top1: topShare(0.01),
    top10: topShare(0.1),
    guestShare: nOrders ? guests / nOrders : 0,
    customers: active,
    ordersPerCustomer: active ? (nOrders - guests) / active : 0,
    oneOrderCustomers: active ? once / active : 0,
    spanDays: nOrders ? (last - first) / 86_400_000 : 0,
  }
}

/** One line of a profile, for bench output. */
export function formatProfile(p: OrdersProfile): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  return (
    `${p.orders.toLocaleString("en-US")} orders, basket mean ${p.meanBasket.toFixed(1)} (p50 ${p.basketP50}, p90 ${p.basketP90}, p99 ${p.basketP99}), ` +
    `top 1% / 10% of products ${pct(p.top1)} / ${pct(p.top10)} of lines, ${pct(p.orderedItems / Math.max(1, p.items))} of products ordered, ` +
    `guests ${pct(p.guestShare)}, ${p.customers.toLocaleString("en-US")} customers x ${p.ordersPerCustomer.toFixed(1)} orders (${pct(p.oneOrderCustomers)} with one), ` +
    `${p.spanDays.toFixed(0)} days`
  )
}
