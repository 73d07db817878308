/**
 * Time-decayed popularity: each item's share of recent orders (and, weaker, views), overall and
 * per category. The baseline every other source is blended with, and the last fallback.
 */
import { decayWeights, effectiveHalfLife } from "./csr"
import { TRENDING } from "./params"
import type { Csr, Orders } from "./types"

export type TrendingParams = typeof TRENDING

/** Views as parallel arrays of item and time (ms). */
export interface Views {
  items: ArrayLike<number>
  time: Float64Array
}

export function trending(orders: Orders, now: number, params: TrendingParams = TRENDING, views?: Views): Float32Array {
  const score = new Float64Array(orders.nItems)
  // Without orders the views set the half-life, as orders would.
  const basis = orders.time.length || !views ? orders.time : views.time
  const halfLife = effectiveHalfLife(basis, now, params.halfLifeDays, params.minEffectiveOrders)
  const w = decayWeights(orders.time, now, halfLife)
  let total = 0
  for (let o = 0; o < w.length; o++) {
    total += w[o]
    for (let l = orders.offsets[o]; l < orders.offsets[o + 1]; l++) score[orders.items[l]] += w[o]
  }
  let viewTotal = 0
  if (views && params.viewWeight > 0) {
    const vw = decayWeights(views.time, now, halfLife)
    for (let v = 0; v < vw.length; v++) {
      viewTotal += params.viewWeight * vw[v]
      score[views.items[v]] += params.viewWeight * vw[v]
    }
  }
  // A store without orders yet still trends on its views (a share of recent views instead).
  const denominator = total > 0 ? total : viewTotal
  const out = new Float32Array(orders.nItems)
  if (denominator > 0) for (let i = 0; i < out.length; i++) out[i] = score[i] / denominator
  return out
}

/** Items with a positive score, best first (ties by index). */
export function rankByScore(score: ArrayLike<number>, ids?: ArrayLike<number>): Uint32Array {
  const pool: number[] = []
  const n = ids ? ids.length : score.length
  for (let t = 0; t < n; t++) {
    const i = ids ? ids[t] : t
    if (score[i] > 0) pool.push(i)
  }
  pool.sort((a, b) => score[b] - score[a] || a - b)
  return Uint32Array.from(pool)
}

/** category -> its items best first by score, given item -> categories. */
export function byCategory(score: Float32Array, itemCategories: Csr, nCategories: number): Csr {
  const members: number[][] = Array.from({ length: nCategories }, () => [])
  for (let i = 0; i < itemCategories.offsets.length - 1; i++) {
    if (!(score[i] > 0)) continue
    for (let p = itemCategories.offsets[i]; p < itemCategories.offsets[i + 1]; p++) members[itemCategories.ids[p]].push(i)
  }
  const offsets = new Uint32Array(nCategories + 1)
  for (let c = 0; c < nCategories; c++) offsets[c + 1] = offsets[c] + members[c].length
  const ids = new Uint32Array(offsets[nCategories])
  const values = new Float32Array(ids.length)
  for (let c = 0; c < nCategories; c++) {
    const ranked = rankByScore(score, members[c])
    ids.set(ranked, offsets[c])
    for (let r = 0; r < ranked.length; r++) values[offsets[c] + r] = score[ranked[r]]
  }
  return { offsets, ids, values }
}
