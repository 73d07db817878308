/**
 * The line shown under a recommended product, from its strongest source: "Bought together with
 * Linen cushion in 42 orders", "Shares: linen, cushion", "Popular right now"...
 */
import { sharedTerms } from "./content"
import type { Candidate, Model, Neighbours, Recommendation, Surface } from "./types"

export interface ReasonContext {
  model: Model
  /** The page's product or the cart's items; on `for_you`, the shopper's purchased products. */
  seeds: ArrayLike<number>
  titles?: (id: number) => string
  surface: Surface
}

type SourceKey = keyof Recommendation["sources"]

/** Sources compared by value; on a tie the earlier (more specific) one explains. */
const EXPLAINING: SourceKey[] = ["cooccurrence", "content", "personal", "category_trending", "trending"]

interface Link {
  seed: number
  score: number
  support: number
}

/**
 * For each listed item, the seed whose neighbour row gives it the highest score. One pass over
 * the seeds' rows serves the whole list, so a shopper with 50 purchases costs 50 rows, not 50 per
 * item; a 1024-bit filter on the listed ids' low bits skips almost every row entry with one load.
 */
function strongestLinks(rows: Neighbours, seeds: ArrayLike<number>, ids: number[]): (Link | undefined)[] {
  const links: (Link | undefined)[] = new Array(ids.length).fill(undefined)
  const filter = new Uint32Array(32)
  for (const id of ids) filter[(id >>> 5) & 31] |= 1 << (id & 31)
  for (let s = 0; s < seeds.length; s++) {
    const seed = seeds[s]
    if (seed + 1 >= rows.offsets.length) continue
    for (let p = rows.offsets[seed]; p < rows.offsets[seed + 1]; p++) {
      const j = rows.ids[p]
      if (((filter[(j >>> 5) & 31] >>> (j & 31)) & 1) === 0) continue
      for (let i = 0; i < ids.length; i++) {
        const link = links[i]
        if (ids[i] === j && (!link || rows.scores[p] > link.score)) links[i] = { seed, score: rows.scores[p], support: rows.support[p] }
      }
    }
  }
  return links
}

function includes(ids: ArrayLike<number>, id: number): boolean {
  for (let i = 0; i < ids.length; i++) if (ids[i] === id) return true
  return false
}

/** The source that explains a candidate: a pin or exploration first, else the highest score. */
export function strongestSource(c: Candidate): SourceKey | undefined {
  if (c.sources.rule) return "rule"
  if (c.sources.exploration) return "exploration"
  let best: SourceKey | undefined
  for (const key of EXPLAINING) {
    const v = c.sources[key]
    if (v !== undefined && v > 0 && (best === undefined || v > c.sources[best]!)) best = key
  }
  return best
}

/** Reasons for a whole list; prefer it to calling explain per item (see strongestLinks). */
export function explainAll(list: Candidate[], ctx: ReasonContext): string[] {
  const { model, seeds } = ctx
  const sources = list.map(strongestSource)
  const ids = list.map((c) => c.id)
  const needs = (...keys: SourceKey[]) => sources.some((s) => s !== undefined && keys.includes(s))
  const bought = needs("cooccurrence", "personal") ? strongestLinks(model.cooccurrence, seeds, ids) : []
  const alike = needs("content") ? strongestLinks(model.content, seeds, ids) : []
  return list.map((c, i) => reason(c, sources[i], bought[i], alike[i], ctx))
}

export function explain(c: Candidate, ctx: ReasonContext): string {
  return explainAll([c], ctx)[0]
}

function reason(
  c: Candidate,
  source: SourceKey | undefined,
  bought: Link | undefined,
  alike: Link | undefined,
  ctx: ReasonContext
): string {
  const { model, seeds, surface } = ctx
  const title = (id: number) => ctx.titles?.(id) || "this product"
  // On "for you" the seeds are the shopper's own purchases, so neighbour reasons point at those.
  const personal = surface === "for_you"
  switch (source) {
    case "rule":
      return "Featured by the store"
    case "exploration":
      return "New in"
    case "cooccurrence":
      if (!bought) return "Often bought together"
      if (personal) return `Because you bought ${title(bought.seed)}`
      return `Bought together with ${title(bought.seed)} in ${bought.support} order${bought.support === 1 ? "" : "s"}`
    case "content": {
      const seed = alike ? alike.seed : seeds.length ? seeds[0] : -1
      if (seed < 0) return "Similar products"
      const shared = sharedTerms(model.terms, model.vocabulary, c.id, seed)
      if (shared.length) return `Shares: ${shared.join(", ")}`
      return `Similar to ${title(seed)}`
    }
    case "personal":
      // Personal scores spread the shopper's purchases through co-purchase rows (see personal.ts).
      if (includes(seeds, c.id)) return "You buy this often"
      return bought ? `Because you bought ${title(bought.seed)}` : "Picked for you"
    case "category_trending":
      return "Popular in this category"
    case "trending":
      return "Popular right now"
    default:
      return "You may also like"
  }
}
