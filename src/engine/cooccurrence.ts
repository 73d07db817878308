/**
 * Item-item co-purchase ("bought together").
 *
 *   score(j | i) = C(i, j) / ((N(i) + shrinkage) * N(j) ^ popularityPower)
 *
 * C is the weighted co-order count and N the weighted order count; popularityPower 0 is the
 * conditional probability P(j | i), shrunk towards 0 for seeds seen in few orders.
 *
 * Each pair is counted once: items are sorted within every order and row i walks only the items
 * after i, into a dense accumulator with a touched list (memory O(items), never items x items).
 * A pair's count is then final, so it is offered to both rows at once: to i's and to j's bounded
 * top-K heap. When row i is reached, every j < i has already offered, so its heap is complete.
 */
import { decayWeights, newestTime } from "./csr"
import { COOCCURRENCE } from "./params"
import { offer, sortHeap, worse, type HeapArrays } from "./topk"
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

export function cooccurrence(orders: Orders, params: CooccurrenceParams = COOCCURRENCE, now = newestTime(orders)): Neighbours {
  const { nItems, offsets } = orders
  const nOrders = offsets.length - 1
  const weights = orderWeights(orders, params, now)
  const items = orders.items.slice()
  const lineOrder = new Uint32Array(items.length)
  for (let o = 0; o < nOrders; o++) {
    items.subarray(offsets[o], offsets[o + 1]).sort()
    lineOrder.fill(o, offsets[o], offsets[o + 1])
  }
  // Postings: the lines where each item occurs, and its weighted order count.
  const postOffsets = new Uint32Array(nItems + 1)
  for (let l = 0; l < items.length; l++) postOffsets[items[l] + 1]++
  for (let i = 0; i < nItems; i++) postOffsets[i + 1] += postOffsets[i]
  const fill = postOffsets.slice(0, nItems)
  const postLines = new Uint32Array(items.length)
  const itemWeight = new Float64Array(nItems)
  for (let l = 0; l < items.length; l++) {
    postLines[fill[items[l]]++] = l
    itemWeight[items[l]] += weights[lineOrder[l]]
  }
  const scale = new Float64Array(nItems)
  const norm = new Float64Array(nItems)
  for (let i = 0; i < nItems; i++) {
    scale[i] = 1 / (itemWeight[i] + params.shrinkage)
    norm[i] = params.popularityPower === 0 ? 1 : Math.pow(Math.max(itemWeight[i], 1e-12), -params.popularityPower)
  }

  // Row i's heap lives at [i * k, i * k + size[i]); the payload is the raw co-order count.
  const k = params.topK
  const heap: HeapArrays = { ids: new Uint32Array(nItems * k), scores: new Float32Array(nItems * k), payload: new Uint32Array(nItems * k) }
  const size = new Uint32Array(nItems)
  const offerTo = (row: number, id: number, s: number, support: number) => {
    const at = row * k
    // A full heap's worst entry is at its start: most offers end with this one comparison.
    if (size[row] === k && !worse(heap.scores[at], heap.ids[at], s, id)) return
    size[row] = offer(heap, at, size[row], k, id, s, support)
  }

  const acc = new Float64Array(nItems)
  const count = new Uint32Array(nItems)
  const touched = new Uint32Array(nItems)
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0
    for (let p = postOffsets[i], pEnd = postOffsets[i + 1]; p < pEnd; p++) {
      const line = postLines[p]
      const o = lineOrder[line]
      const w = weights[o]
      for (let l = line + 1, lEnd = offsets[o + 1]; l < lEnd; l++) {
        const j = items[l]
        if (count[j]++ === 0) touched[nTouched++] = j
        acc[j] += w
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t]
      const c = count[j]
      if (c >= params.minSupport) {
        offerTo(i, j, Math.fround(acc[j] * scale[i] * norm[j]), c)
        offerTo(j, i, Math.fround(acc[j] * scale[j] * norm[i]), c)
      }
      acc[j] = 0
      count[j] = 0
    }
  }

  // Sort every row best first and pack the rows (in place: a row only moves left).
  const outOffsets = new Uint32Array(nItems + 1)
  let n = 0
  for (let i = 0; i < nItems; i++) {
    const at = i * k
    sortHeap(heap, at, size[i])
    heap.ids.copyWithin(n, at, at + size[i])
    heap.scores.copyWithin(n, at, at + size[i])
    heap.payload!.copyWithin(n, at, at + size[i])
    n += size[i]
    outOffsets[i + 1] = n
  }
  return { offsets: outOffsets, ids: heap.ids.slice(0, n), scores: heap.scores.slice(0, n), support: heap.payload!.slice(0, n) }
}
