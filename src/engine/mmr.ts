/**
 * List composition after the rules and filters: maximal marginal relevance (MMR) with a cap per
 * category, and exploration slots that give fresh products a chance to earn a history.
 */
import type { Candidate, Catalog, Model } from "./types"
import { EXPLORATION } from "./params"
import { placePinned } from "./rules"

export interface DiversityParams {
  /** 1 = relevance only (score order), 0 = dissimilarity only. */
  lambda: number
  /** Most picks per category; 0 = no cap. */
  maxPerCategory: number
}

/**
 * The candidates best score first (ties in incoming order), sorted only as far as they are read:
 * MMR rarely looks past the top few dozen of a few hundred, so a heap beats sorting them all.
 * `at(rank)` is undefined past the last candidate.
 */
function scoreOrder(list: Candidate[]): (rank: number) => Candidate | undefined {
  const score = list.map((c) => c.score) // read once: the heap compares these many times
  const before = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b)
  const heap = list.map((_, i) => i)
  const siftDown = (from: number) => {
    for (let i = from; ; ) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < heap.length && before(heap[l], heap[top])) top = l
      if (r < heap.length && before(heap[r], heap[top])) top = r
      if (top === i) return
      const t = heap[i]
      heap[i] = heap[top]
      heap[top] = t
      i = top
    }
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i)
  const sorted: Candidate[] = []
  return (rank) => {
    while (sorted.length <= rank && heap.length) {
      sorted.push(list[heap[0]])
      const last = heap.pop()!
      if (heap.length) {
        heap[0] = last
        siftDown(0)
      }
    }
    return sorted[rank]
  }
}

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
  const at = scoreOrder(free)
  const slots = Math.max(0, k - pinned.length)
  const chosen: Candidate[] = []
  if (lambda >= 1 && maxPerCategory <= 0) {
    for (let r = 0; r < slots && at(r); r++) chosen.push(at(r)!)
    return placePinned(chosen, pinned, k)
  }

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

  // Per rank: highest similarity to a pick so far, picks folded into it, picked or capped.
  const maxSim: number[] = []
  const simFrom: number[] = []
  const gone: boolean[] = []
  const maxScore = free.length && at(0)!.score > 0 ? at(0)!.score : 0
  let head = 0
  while (chosen.length < slots) {
    let best = -Infinity
    let arg = -1
    for (let r = head, c = at(r); c; c = at(++r)) {
      if (r === maxSim.length) maxSim.push(0), simFrom.push(0), gone.push(false)
      if (gone[r]) {
        if (r === head) head++
        continue
      }
      const relevance = maxScore ? lambda * (c.score / maxScore) : 0
      if (relevance <= best) break
      if (capped(c.id)) {
        gone[r] = true
        continue
      }
      // Fold in the picks not yet compared, stopping as soon as this candidate cannot win.
      for (let p = simFrom[r]; lambda < 1 && p < picked.length && relevance - (1 - lambda) * maxSim[r] > best; p++) {
        maxSim[r] = Math.max(maxSim[r], similarity(c.id, picked[p]))
        simFrom[r] = p + 1
      }
      const value = relevance - (1 - lambda) * maxSim[r]
      if (value > best) {
        best = value
        arg = r
      }
    }
    if (arg < 0) break
    const c = at(arg)!
    gone[arg] = true
    chosen.push(c)
    picked.push(c.id)
    if (maxPerCategory > 0) count(c.id)
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
export function freshItems(model: Model, catalog: Catalog, maxOrders = EXPLORATION.maxOrders, size = EXPLORATION.poolSize): Uint32Array {
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
