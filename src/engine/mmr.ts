/**
 * List composition after the rules and filters: maximal marginal relevance (MMR) with a cap per
 * category, and exploration slots that give fresh products a chance to earn a history.
 */
import type { Candidate, Catalog, Model } from "./types"
import { placePinned } from "./rules"

export interface DiversityParams {
  /** 1 = relevance only (score order), 0 = dissimilarity only. */
  lambda: number
  /** Most picks per category; 0 = no cap. */
  maxPerCategory: number
}

/** Best first; Array.prototype.sort is stable, so equal scores keep their incoming order. */
const byScore = (a: Candidate, b: Candidate) => b.score - a.score

/**
 * Greedy MMR: each step picks the candidate maximising
 * lambda * score / maxScore - (1 - lambda) * (highest similarity to an item already picked).
 * Pins take their positions first and count as picked (for similarity and the category cap).
 * An item is skipped once any of its categories holds maxPerCategory picks, so the list can come
 * out shorter than k; the fallback stage fills it. `similarity` must lie in [0, 1].
 *
 * Lazy evaluation keeps it cheap: a candidate's similarity to earlier picks only grows, so its
 * stale value bounds its MMR value from above; candidates are visited best score first and the
 * scan stops once lambda * relevance cannot beat the best found. At lambda = 1 no similarity is
 * ever computed and the result is exactly score order.
 */
export function mmr(
  candidates: Candidate[],
  k: number,
  params: DiversityParams,
  similarity: (a: number, b: number) => number,
  categoriesOf: (id: number) => ArrayLike<number>
): Candidate[] {
  const { lambda, maxPerCategory } = params
  const pinned: Candidate[] = []
  const free: Candidate[] = []
  for (const c of candidates) (c.pinned === undefined ? free : pinned).push(c)
  free.sort(byScore)
  const slots = Math.max(0, k - pinned.length)
  if (lambda >= 1 && maxPerCategory <= 0) return placePinned(free.slice(0, slots), pinned, k)

  const picked: number[] = pinned.map((c) => c.id)
  const perCategory = new Map<number, number>()
  const count = (id: number) => {
    const cats = categoriesOf(id)
    for (let j = 0; j < cats.length; j++) perCategory.set(cats[j], (perCategory.get(cats[j]) ?? 0) + 1)
  }
  const capped = (id: number) => {
    if (maxPerCategory <= 0) return false
    const cats = categoriesOf(id)
    for (let j = 0; j < cats.length; j++) if ((perCategory.get(cats[j]) ?? 0) >= maxPerCategory) return true
    return false
  }
  if (maxPerCategory > 0) for (const id of picked) count(id)

  const n = free.length
  const maxScore = n && free[0].score > 0 ? free[0].score : 0
  const maxSim = new Float64Array(n)
  const simFrom = new Uint32Array(n) // picks already folded into maxSim[i]
  const gone = new Uint8Array(n) // picked or capped
  const chosen: Candidate[] = []
  let head = 0
  while (chosen.length < slots) {
    let best = -Infinity
    let arg = -1
    for (let i = head; i < n; i++) {
      if (gone[i]) {
        if (i === head) head++
        continue
      }
      const relevance = maxScore ? lambda * (free[i].score / maxScore) : 0
      if (relevance <= best) break
      if (capped(free[i].id)) {
        gone[i] = 1
        continue
      }
      if (relevance - (1 - lambda) * maxSim[i] <= best) continue
      if (lambda < 1) {
        for (let p = simFrom[i]; p < picked.length; p++) {
          const s = similarity(free[i].id, picked[p])
          if (s > maxSim[i]) maxSim[i] = s
        }
        simFrom[i] = picked.length
      }
      const value = relevance - (1 - lambda) * maxSim[i]
      if (value > best) {
        best = value
        arg = i
      }
    }
    if (arg < 0) break
    gone[arg] = 1
    chosen.push(free[arg])
    picked.push(free[arg].id)
    if (maxPerCategory > 0) count(free[arg].id)
  }
  return placePinned(chosen, pinned, k)
}

/** Cosine of two products' TF-IDF vectors: rows are L2-normalised and sorted, so a merged dot product. */
export function contentSimilarity(model: Model): (a: number, b: number) => number {
  const { offsets, ids, values } = model.terms
  return (a, b) => {
    let dot = 0
    for (let i = offsets[a], j = offsets[b], ie = offsets[a + 1], je = offsets[b + 1]; i < ie && j < je; ) {
      if (ids[i] === ids[j]) dot += values[i++] * values[j++]
      else if (ids[i] < ids[j]) i++
      else j++
    }
    return dot
  }
}

/**
 * Exploration pool, computed when the catalogue or model is loaded (not per request): available
 * products in at most `maxOrders` training orders, newest first, at most `size` of them.
 */
export function freshItems(model: Model, catalog: Catalog, maxOrders: number, size: number): Uint32Array {
  const pool: number[] = []
  for (let id = 0; id < Math.min(model.nItems, catalog.nItems); id++) {
    if (catalog.available[id] === 1 && model.orderCount[id] <= maxOrders && catalog.createdAt[id] >= 0) pool.push(id)
  }
  pool.sort((a, b) => catalog.createdAt[b] - catalog.createdAt[a] || a - b)
  return Uint32Array.from(pool.slice(0, size))
}

/**
 * Gives the last `slots` places of a list of k to fresh products (newest first from `fresh`,
 * skipping blocked and listed ones), marked `sources.exploration`; they replace the weakest
 * unpinned items. Run it after the fallbacks, so fallbacks neither refill nor drop these places.
 */
export function explore(
  list: Candidate[],
  k: number,
  slots: number,
  fresh: ArrayLike<number>,
  isBlocked: (id: number) => boolean
): Candidate[] {
  const picks: Candidate[] = []
  for (let i = 0; i < fresh.length && picks.length < slots; i++) {
    const id = fresh[i]
    if (isBlocked(id) || list.some((c) => c.id === id)) continue
    picks.push({ id, score: 0, sources: { exploration: 1 } })
  }
  if (!picks.length) return list
  const pinned = list.filter((c) => c.pinned !== undefined)
  const free = list.filter((c) => c.pinned === undefined)
  const keep = Math.max(0, Math.min(free.length, k - pinned.length - picks.length))
  return placePinned(free.slice(0, keep).concat(picks), pinned, k)
}
