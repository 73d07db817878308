/**
 * Item-item co-purchase ("bought together"). For every item i, the orders containing it are
 * walked and every other item j of those orders accumulates the order's weight, into a dense
 * accumulator with a touched list: cost is the sum of squared basket sizes, memory O(items).
 *
 *   score(j | i) = C(i, j) / ((N(i) + shrinkage) * N(j) ^ popularityPower)
 *
 * where C is the weighted co-order count and N the weighted order count. popularityPower 0 is the
 * conditional probability P(j | i), shrunk towards 0 for seeds seen in few orders.
 */
import { decayWeights, itemOrders, newestTime } from "./csr"
import { COOCCURRENCE } from "./params"
import { selectTopK } from "./topk"
import type { Neighbours, Orders } from "./types"

export type CooccurrenceParams = typeof COOCCURRENCE

/**
 * What every row needs: orders by item, per-order weights, per-item weighted order counts and
 * each candidate's popularity normalisation, N(j) ^ -popularityPower.
 */
export interface CooccurrencePrep {
  byItem: { offsets: Uint32Array; orders: Uint32Array }
  weights: Float64Array
  itemWeight: Float64Array
  norm: Float64Array
}

/** Per-order weight: time decay times the down-weighting of huge baskets. */
export function orderWeights(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, now = newestTime(orders)): Float64Array {
  const w = decayWeights(orders.time, now, params.halfLifeDays)
  for (let o = 0; o < w.length; o++) {
    const size = orders.offsets[o + 1] - orders.offsets[o]
    if (size > params.basketPivot) w[o] *= Math.pow(params.basketPivot / size, params.basketPower)
  }
  return w
}

export function prepareCooccurrence(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, now = newestTime(orders)): CooccurrencePrep {
  const byItem = itemOrders(orders)
  const weights = orderWeights(orders, params, now)
  const itemWeight = new Float64Array(orders.nItems)
  for (let i = 0; i < orders.nItems; i++) {
    let s = 0
    for (let p = byItem.offsets[i]; p < byItem.offsets[i + 1]; p++) s += weights[byItem.orders[p]]
    itemWeight[i] = s
  }
  const norm = new Float64Array(orders.nItems)
  for (let j = 0; j < orders.nItems; j++) norm[j] = params.popularityPower === 0 ? 1 : Math.pow(Math.max(itemWeight[j], 1e-12), -params.popularityPower)
  return { byItem, weights, itemWeight, norm }
}

export function cooccurrence(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, now = newestTime(orders)): Neighbours {
  return concatRows([cooccurrenceRows(orders, prepareCooccurrence(orders, params, now), params, 0, orders.nItems)])
}

/** What one thread reuses from one range of rows to the next: the accumulator and its touched list. */
export interface RowScratch {
  acc: Float64Array
  count: Uint32Array
  touched: Uint32Array
}

export function rowScratch(nItems: number): RowScratch {
  return { acc: new Float64Array(nItems), count: new Uint32Array(nItems), touched: new Uint32Array(nItems) }
}

/**
 * Neighbour rows of items from..to (offsets start at 0), so rows can be split across threads.
 * The arrays are views of buffers sized for the most neighbours these rows could have (concatRows
 * copies them out); no row grows them, so a range allocates once.
 */
export function cooccurrenceRows(
  orders: Orders,
  prep: CooccurrencePrep,
  params: CooccurrenceParams,
  from: number,
  to: number,
  scratch: RowScratch = rowScratch(orders.nItems)
): Neighbours {
  const { offsets, items } = orders
  const { byItem, weights, itemWeight, norm } = prep
  const { acc, count, touched } = scratch
  const k = params.topK
  // A row has at most k neighbours and at most as many as the other lines of its orders.
  let capacity = 0
  for (let i = from; i < to; i++) {
    let others = 0
    for (let p = byItem.offsets[i], pEnd = byItem.offsets[i + 1]; p < pEnd && others < k; p++) others += offsets[byItem.orders[p] + 1] - offsets[byItem.orders[p]] - 1
    capacity += Math.min(k, others)
  }
  const outOffsets = new Uint32Array(to - from + 1)
  const outIds = new Uint32Array(capacity)
  const outScores = new Float32Array(capacity)
  const outSupport = new Uint32Array(capacity)
  let n = 0
  for (let i = from; i < to; i++) {
    let nTouched = 0
    for (let p = byItem.offsets[i], pEnd = byItem.offsets[i + 1]; p < pEnd; p++) {
      const o = byItem.orders[p]
      const w = weights[o]
      for (let l = offsets[o], lEnd = offsets[o + 1]; l < lEnd; l++) {
        const j = items[l]
        if (count[j]++ === 0) touched[nTouched++] = j
        acc[j] += w
      }
    }
    // Score only pairs with enough support, compacted in place, so selection walks fewer ids.
    const scale = 1 / (itemWeight[i] + params.shrinkage)
    let nKept = 0
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t]
      if (j === i || count[j] < params.minSupport) {
        acc[j] = 0
        count[j] = 0
        continue
      }
      acc[j] *= scale * norm[j]
      touched[nKept++] = j
    }
    const end = n + selectTopK(acc, touched, nKept, k, outIds, outScores, n)
    // Raw co-orders behind each kept pair, for reasons like "bought together in 42 orders".
    for (; n < end; n++) outSupport[n] = count[outIds[n]]
    outOffsets[i - from + 1] = n
    for (let t = 0; t < nKept; t++) {
      acc[touched[t]] = 0
      count[touched[t]] = 0
    }
  }
  return { offsets: outOffsets, ids: outIds.subarray(0, n), scores: outScores.subarray(0, n), support: outSupport.subarray(0, n) }
}

/** Row boundaries splitting items into `parts` ranges of about equal work (sum of basket sizes walked). */
export function balancedRanges(orders: Orders, byItem: CooccurrencePrep["byItem"], parts: number): number[] {
  const { nItems, offsets } = orders
  const cost = new Float64Array(nItems + 1)
  for (let i = 0; i < nItems; i++) {
    let c = 0
    for (let p = byItem.offsets[i]; p < byItem.offsets[i + 1]; p++) c += offsets[byItem.orders[p] + 1] - offsets[byItem.orders[p]]
    cost[i + 1] = cost[i] + c
  }
  const bounds = [0]
  for (let part = 1, i = 0; part < parts; part++) {
    const target = (cost[nItems] * part) / parts
    while (i < nItems && cost[i] < target) i++
    bounds.push(i)
  }
  bounds.push(nItems)
  return bounds
}

/** Concatenates row ranges computed separately into one Neighbours. */
export function concatRows(parts: Neighbours[]): Neighbours {
  const rows = parts.reduce((s, p) => s + p.offsets.length - 1, 0)
  const nnz = parts.reduce((s, p) => s + p.ids.length, 0)
  const out: Neighbours = { offsets: new Uint32Array(rows + 1), ids: new Uint32Array(nnz), scores: new Float32Array(nnz), support: new Uint32Array(nnz) }
  let r = 0
  let at = 0
  for (const p of parts) {
    for (let i = 1; i < p.offsets.length; i++) out.offsets[++r] = at + p.offsets[i]
    out.ids.set(p.ids, at)
    out.scores.set(p.scores, at)
    out.support.set(p.support, at)
    at += p.ids.length
  }
  return out
}
