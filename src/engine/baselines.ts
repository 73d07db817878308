/** The reference baselines every strategy is reported beside: popularity and rebuy. */

/** Items in at least one order, by order count descending, ties by `tieRank` (e.g. product id order). */
export function popularityOrder(orderCount: ArrayLike<number>, tieRank: ArrayLike<number>): Uint32Array {
  const pool: number[] = []
  for (let i = 0; i < orderCount.length; i++) if (orderCount[i] > 0) pool.push(i)
  pool.sort((a, b) => orderCount[b] - orderCount[a] || tieRank[a] - tieRank[b])
  return Uint32Array.from(pool)
}

/** The first k of `ranking` that are not excluded. */
export function topExcluding(ranking: ArrayLike<number>, k: number, excluded: (id: number) => boolean): number[] {
  const out: number[] = []
  for (let r = 0; r < ranking.length && out.length < k; r++) if (!excluded(ranking[r])) out.push(ranking[r])
  return out
}

/** The shopper's own products by how many of their orders hold them, then `ranking` to fill. */
export function rebuy(historyIds: ArrayLike<number>, k: number, ranking: ArrayLike<number>, rankOf: ArrayLike<number>): number[] {
  const counts = new Map<number, number>()
  for (let h = 0; h < historyIds.length; h++) counts.set(historyIds[h], (counts.get(historyIds[h]) ?? 0) + 1)
  const own = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || rankOf[a] - rankOf[b]).slice(0, k)
  return own.length < k ? own.concat(topExcluding(ranking, k - own.length, (id) => counts.has(id))) : own
}
