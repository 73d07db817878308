/** Ranking metrics with binary relevance, as the offline evaluation protocol defines them. */

export interface CaseMetrics {
  hits: number
  hr: number
  precision: number
  recall: number
  ndcg: number
}

/** Metrics of one list against one case's targets (`isTarget` marks them; `nTargets` counts them). */
export function scoreList(list: ArrayLike<number>, k: number, isTarget: (id: number) => boolean, nTargets: number): CaseMetrics {
  let hits = 0
  let dcg = 0
  const n = Math.min(k, list.length)
  for (let r = 0; r < n; r++) {
    if (isTarget(list[r])) {
      hits++
      dcg += 1 / Math.log2(r + 2)
    }
  }
  let idcg = 0
  for (let r = 0, m = Math.min(k, nTargets); r < m; r++) idcg += 1 / Math.log2(r + 2)
  return {
    hits,
    hr: hits > 0 ? 1 : 0,
    precision: hits / k,
    recall: nTargets > 0 ? hits / nTargets : 0,
    ndcg: idcg > 0 ? dcg / idcg : 0,
  }
}

/** Mean pairwise dissimilarity (1 - similarity) within a list; 0 for lists under two items. */
export function intraListDiversity(list: ArrayLike<number>, similarity: (a: number, b: number) => number): number {
  let sum = 0
  let pairs = 0
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      sum += 1 - similarity(list[a], list[b])
      pairs++
    }
  }
  return pairs > 0 ? sum / pairs : 0
}

/** Mean self-information -log2(share of orders containing the item): higher = less obvious items. */
export function novelty(list: ArrayLike<number>, orderCount: ArrayLike<number>, nOrders: number): number {
  if (list.length === 0) return 0
  let sum = 0
  for (let r = 0; r < list.length; r++) sum += -Math.log2(Math.max(orderCount[list[r]], 1) / nOrders)
  return sum / list.length
}
