/**
 * "For you": a shopper's history, recency-weighted, scored two ways and summed:
 *   repeat(j)    = sum over the shopper's interactions with j of weight * 0.5^(age / half-life),
 *                  normalised by the shopper's total, so it reads as "share of what they buy";
 *   neighbour(j) = sum over history items i of share(i) * cooccurrence(j | i),
 *                  the chance j joins a basket drawn from their history.
 * Repeat purchases dominate real shops, so they are scored explicitly, not left to the neighbours.
 */
import { PERSONAL, MS_PER_DAY } from "./params"
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
  // Distinct history items with their recency-weighted share.
  const items: number[] = []
  const share: number[] = []
  const seen = new Map<number, number>()
  let total = 0
  for (let h = 0; h < history.ids.length; h++) {
    const w = (history.weight ? history.weight[h] : 1) * Math.exp(-rate * Math.max(0, now - history.time[h]))
    const i = history.ids[h]
    const at = seen.get(i)
    if (at === undefined) {
      seen.set(i, items.length)
      items.push(i)
      share.push(w)
    } else share[at] += w
    total += w
  }
  if (total <= 0) return 0
  let nTouched = 0
  const touch = (j: number, s: number) => {
    if (s <= 0) return
    if (acc[j] === 0) touched[nTouched++] = j
    acc[j] += s
  }
  for (let t = 0; t < items.length; t++) touch(items[t], (params.repeatWeight * share[t]) / total)
  // Expand the strongest history items only: a long history adds little beyond its top items.
  const order = items.map((_, t) => t).sort((a, b) => share[b] - share[a]).slice(0, params.maxHistory)
  for (const t of order) {
    const i = items[t]
    const w = (params.neighbourWeight * share[t]) / total
    for (let p = neighbours.offsets[i]; p < neighbours.offsets[i + 1]; p++) touch(neighbours.ids[p], w * neighbours.scores[p])
  }
  return nTouched
}
