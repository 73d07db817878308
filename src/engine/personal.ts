/**
 * "For you": a shopper's history, recency-weighted, scored two ways and summed:
 *   repeat(j)    = sum over the shopper's interactions with j of weight * 0.5^(age / half-life),
 *                  normalised by the shopper's total, so it reads as "share of what they buy";
 *   neighbour(j) = sum over history items i of share(i) * cooccurrence(j | i),
 *                  the chance j joins a basket drawn from their history.
 * Repeat purchases dominate real shops, so they are scored explicitly, not left to the neighbours.
 */
import { PERSONAL, MS_PER_DAY } from "./params"
import { selectTopK } from "./topk"
import type { Neighbours } from "./types"

export type PersonalParams = typeof PERSONAL

export interface Interactions {
  ids: ArrayLike<number>
  time: ArrayLike<number>
  /** Per event: a purchase 1, weaker signals less; 1 when absent. */
  weight?: ArrayLike<number>
}

/**
 * Scores into `acc` (a zeroed scratch of nItems) and lists the ids it touched into `touched`;
 * returns how many. The caller reads acc for those ids and zeroes them afterwards.
 */
export function personalScores(
  neighbours: Neighbours,
  history: Interactions,
  now: number,
  acc: Float64Array,
  touched: Uint32Array,
  params: PersonalParams = PERSONAL
): number {
  const rate = Math.LN2 / (params.halfLifeDays * MS_PER_DAY)
  // Recency-weighted share of each distinct item, newest events first (older ones weigh little).
  let nTouched = 0
  let total = 0
  const oldest = Math.max(0, history.ids.length - params.maxEvents)
  for (let h = history.ids.length - 1; h >= oldest; h--) {
    const w = (history.weight ? history.weight[h] : 1) * Math.exp(-rate * Math.max(0, now - history.time[h]))
    if (!(w > 0)) continue
    const i = history.ids[h]
    if (acc[i] === 0) touched[nTouched++] = i
    acc[i] += w
    total += w
  }
  if (total <= 0) return 0
  // Expand the strongest history items only: a long history adds little beyond its top items.
  const top = Math.min(params.maxHistory, nTouched)
  const expandIds = new Uint32Array(top)
  const expandShare = new Float32Array(top)
  const nExpand = selectTopK(acc, touched, nTouched, top, expandIds, expandShare, 0)
  // Expansion weights from the exact shares, before acc turns into repeat scores.
  const expandWeight = Float64Array.from(expandIds.subarray(0, nExpand), (i) => (params.neighbourWeight * acc[i]) / total)
  for (let t = 0; t < nTouched; t++) acc[touched[t]] = (params.repeatWeight * acc[touched[t]]) / total
  for (let e = 0; e < nExpand; e++) {
    const i = expandIds[e]
    const w = expandWeight[e]
    if (!(w > 0)) continue
    for (let p = neighbours.offsets[i], end = Math.min(neighbours.offsets[i + 1], p + params.neighbourDepth); p < end; p++) {
      const j = neighbours.ids[p]
      if (acc[j] === 0) touched[nTouched++] = j
      acc[j] += w * neighbours.scores[p]
    }
  }
  return nTouched
}
