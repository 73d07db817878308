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

/** Per-order weight: time decay times the down-weighting of huge baskets. */
export function orderWeights(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, now = newestTime(orders)): Float64Array {
  const w = decayWeights(orders.time, now, params.halfLifeDays)
  for (let o = 0; o < w.length; o++) {
    const size = orders.offsets[o + 1] - orders.offsets[o]
    if (size > params.basketPivot) w[o] *= Math.pow(params.basketPivot / size, params.basketPower)
  }
  return w
}

export function cooccurrence(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, weights = orderWeights(orders, params)): Neighbours {
  const { nItems, offsets, items } = orders
  const byItem = itemOrders(orders)
  const itemWeight = new Float64Array(nItems)
  for (let i = 0; i < nItems; i++) {
    let s = 0
    for (let p = byItem.offsets[i]; p < byItem.offsets[i + 1]; p++) s += weights[byItem.orders[p]]
    itemWeight[i] = s
  }
  const norm = new Float64Array(nItems)
  for (let j = 0; j < nItems; j++) norm[j] = params.popularityPower === 0 ? 1 : Math.pow(Math.max(itemWeight[j], 1e-12), -params.popularityPower)

  const k = params.topK
  const outOffsets = new Uint32Array(nItems + 1)
  let outIds = new Uint32Array(Math.min(nItems * k, 1 << 20))
  let outScores = new Float32Array(outIds.length)
  let outSupport = new Uint32Array(outIds.length)
  const acc = new Float64Array(nItems)
  const count = new Uint32Array(nItems)
  const touched = new Uint32Array(nItems)
  let n = 0
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0
    for (let p = byItem.offsets[i]; p < byItem.offsets[i + 1]; p++) {
      const o = byItem.orders[p]
      const w = weights[o]
      for (let l = offsets[o]; l < offsets[o + 1]; l++) {
        const j = items[l]
        if (count[j]++ === 0) touched[nTouched++] = j
        acc[j] += w
      }
    }
    const scale = 1 / (itemWeight[i] + params.shrinkage)
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t]
      acc[j] = j === i || count[j] < params.minSupport ? 0 : acc[j] * scale * norm[j]
    }
    if (n + k > outIds.length) {
      const grow = Math.min(nItems * k, Math.max(outIds.length * 2, n + k))
      outIds = copyInto(new Uint32Array(grow), outIds)
      outScores = copyInto(new Float32Array(grow), outScores)
      outSupport = copyInto(new Uint32Array(grow), outSupport)
    }
    const end = n + selectTopK(acc, touched, nTouched, k, outIds, outScores, n)
    // Raw co-orders behind each kept pair, for reasons like "bought together in 42 orders".
    for (; n < end; n++) outSupport[n] = count[outIds[n]]
    outOffsets[i + 1] = n
    for (let t = 0; t < nTouched; t++) {
      acc[touched[t]] = 0
      count[touched[t]] = 0
    }
  }
  return { offsets: outOffsets, ids: outIds.slice(0, n), scores: outScores.slice(0, n), support: outSupport.slice(0, n) }
}

function copyInto<T extends Uint32Array | Float32Array>(to: T, from: T): T {
  to.set(from)
  return to
}

