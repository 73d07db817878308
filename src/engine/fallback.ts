/**
 * Fills a short list from the surface's ordered fallback chain, so a page never shows a gap when
 * the blend, rules, filters or the category cap leave fewer than k items.
 */
import type { Candidate, Catalog, Fallback, Model } from "./types"
import { placePinned } from "./rules"

export interface FallbackContext {
  model: Model
  catalog?: Catalog
  seeds: ArrayLike<number>
  /** The request's hard filters and exclude rules: what may never be appended. */
  isBlocked: (id: number) => boolean
  /** Unpinned items scoring below this are dropped before filling; appended items are exempt. */
  minScore: number
}

/**
 * Appends to `out` from several rows of one ranked source at once, best score across the rows
 * first (a k-way merge; rows are sorted best first), until `out` holds `want` items.
 * `rows` holds [start, end) pairs into `ids`; `scoreAt(position)` reads the score there.
 */
function appendMerged(
  out: Candidate[],
  want: number,
  rows: number[],
  ids: ArrayLike<number>,
  scoreAt: (position: number) => number,
  source: Fallback,
  isBlocked: (id: number) => boolean
) {
  while (out.length < want) {
    let best = -1
    let bestScore = -Infinity
    for (let r = 0; r < rows.length; r += 2) {
      if (rows[r] < rows[r + 1] && scoreAt(rows[r]) > bestScore) {
        best = r
        bestScore = scoreAt(rows[r])
      }
    }
    if (best < 0) return
    const id = ids[rows[best]++]
    if (isBlocked(id) || out.some((c) => c.id === id)) continue
    out.push({ id, score: bestScore, sources: { [source]: bestScore } })
  }
}

/** [start, end) of each seed's neighbour row. */
function seedRows(offsets: Uint32Array, seeds: ArrayLike<number>): number[] {
  const rows: number[] = []
  for (let i = 0; i < seeds.length; i++) {
    if (seeds[i] + 1 < offsets.length) rows.push(offsets[seeds[i]], offsets[seeds[i] + 1])
  }
  return rows
}

/** [start, end) of the trending row of every category the seeds are in. */
function categoryRows(model: Model, catalog: Catalog, seeds: ArrayLike<number>): number[] {
  const { offsets, ids } = catalog.categories
  const rows: number[] = []
  const trendingOffsets = model.categoryTrending.offsets
  for (let i = 0; i < seeds.length; i++) {
    if (seeds[i] >= catalog.nItems) continue
    for (let p = offsets[seeds[i]]; p < offsets[seeds[i] + 1]; p++) {
      const category = ids[p]
      if (category + 1 < trendingOffsets.length) rows.push(trendingOffsets[category], trendingOffsets[category + 1])
    }
  }
  return rows
}

/**
 * Drops weak blended candidates (score < minScore, pins kept), then, while the list is shorter
 * than k, appends from each fallback in `chain` order: `cooccurrence` / `content` from the seeds'
 * neighbour rows, `category_trending` from the trending rows of the seeds' categories, `trending`
 * from the global trending order. Appended items skip blocked items and any item the incoming
 * list held (a dropped one does not come back), and carry `sources[fallback]` = their score
 * there (also their `score`, on that source's scale: positions, not scores, order the list).
 * Cost is bounded by the rows read, never by the catalogue size.
 */
export function fillFallbacks(list: Candidate[], k: number, chain: Fallback[], ctx: FallbackContext): Candidate[] {
  const { model, catalog, seeds, isBlocked, minScore } = ctx
  const pinned = list.filter((c) => c.pinned !== undefined)
  const out = list.filter((c) => c.pinned === undefined && c.score >= minScore)
  const want = k - pinned.length
  // A dropped item stays out: the seed's co-purchase row would otherwise bring it straight back.
  const listedOrBlocked = (id: number) => isBlocked(id) || list.some((c) => c.id === id)
  for (const source of chain) {
    if (out.length >= want) break
    if (source === "cooccurrence" || source === "content") {
      const { offsets, ids, scores } = model[source]
      appendMerged(out, want, seedRows(offsets, seeds), ids, (p) => scores[p], source, listedOrBlocked)
    } else if (source === "category_trending") {
      if (!catalog) continue
      const { ids, values } = model.categoryTrending
      appendMerged(out, want, categoryRows(model, catalog, seeds), ids, (p) => values[p], source, listedOrBlocked)
    } else {
      const { trendingOrder, trending } = model
      appendMerged(out, want, [0, trendingOrder.length], trendingOrder, (p) => trending[trendingOrder[p]], source, listedOrBlocked)
    }
  }
  return placePinned(out, pinned, k)
}
