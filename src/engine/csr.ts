/** Sparse-structure helpers shared by the models. */
import { MS_PER_DAY } from "./params"
import type { Orders } from "./types"

/** Transposes baskets: for every item, the orders containing it (ascending). */
export function itemOrders(orders: Orders): { offsets: Uint32Array; orders: Uint32Array } {
  const { nItems, offsets, items } = orders
  const nOrders = offsets.length - 1
  const counts = new Uint32Array(nItems + 1)
  for (let l = 0; l < items.length; l++) counts[items[l] + 1]++
  for (let i = 0; i < nItems; i++) counts[i + 1] += counts[i]
  const fill = counts.slice(0, nItems)
  const out = new Uint32Array(items.length)
  for (let o = 0; o < nOrders; o++) {
    for (let l = offsets[o]; l < offsets[o + 1]; l++) out[fill[items[l]]++] = o
  }
  return { offsets: counts, orders: out }
}

/** Weight of each order by age: 0.5 ^ (age / half-life), age measured from `now`. */
export function decayWeights(time: Float64Array, now: number, halfLifeDays: number): Float64Array {
  const w = new Float64Array(time.length)
  const rate = Number.isFinite(halfLifeDays) && halfLifeDays > 0 ? Math.LN2 / (halfLifeDays * MS_PER_DAY) : 0
  for (let o = 0; o < time.length; o++) w[o] = Math.exp(-rate * Math.max(0, now - time[o]))
  return w
}

/**
 * The half-life to use for decay: `halfLifeDays`, lengthened until the decayed weights add up to
 * `minEffective` orders, so a small shop's estimates rest on enough orders (Infinity when the
 * shop has fewer orders than that in all).
 */
export function effectiveHalfLife(time: Float64Array, now: number, halfLifeDays: number, minEffective: number): number {
  if (time.length <= minEffective) return Infinity
  const mass = (h: number) => {
    const rate = Math.LN2 / (h * MS_PER_DAY)
    let s = 0
    for (let o = 0; o < time.length; o++) s += Math.exp(-rate * Math.max(0, now - time[o]))
    return s
  }
  if (mass(halfLifeDays) >= minEffective) return halfLifeDays
  let lo = halfLifeDays
  let hi = halfLifeDays * 2
  while (mass(hi) < minEffective) {
    lo = hi
    hi *= 2
  }
  for (let step = 0; step < 20; step++) {
    const mid = (lo + hi) / 2
    if (mass(mid) >= minEffective) hi = mid
    else lo = mid
  }
  return hi
}

/** The newest order time, or 0 for no orders. */
export function newestTime(orders: Orders): number {
  let t = 0
  for (let o = 0; o < orders.time.length; o++) if (orders.time[o] > t) t = orders.time[o]
  return t
}
