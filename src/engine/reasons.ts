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

/** The seed whose neighbour row gives `id` the highest score. */
function strongestLink(rows: Neighbours, seeds: ArrayLike<number>, id: number): Link | undefined {
  let link: Link | undefined
  for (let s = 0; s < seeds.length; s++) {
    const seed = seeds[s]
    if (seed + 1 >= rows.offsets.length) continue
    for (let p = rows.offsets[seed]; p < rows.offsets[seed + 1]; p++) {
      if (rows.ids[p] !== id) continue
      if (!link || rows.scores[p] > link.score) link = { seed, score: rows.scores[p], support: rows.support[p] }
      break
    }
  }
  return link
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

export function explain(c: Candidate, ctx: ReasonContext): string {
  const { model, seeds, surface } = ctx
  const title = (id: number) => ctx.titles?.(id) || "this product"
  // On "for you" the seeds are the shopper's own purchases, so neighbour reasons point at those.
  const personal = surface === "for_you"
  switch (strongestSource(c)) {
    case "rule":
      return "Featured by the store"
    case "exploration":
      return "New in"
    case "cooccurrence": {
      const link = strongestLink(model.cooccurrence, seeds, c.id)
      if (!link) return "Often bought together"
      if (personal) return `Because you bought ${title(link.seed)}`
      return `Bought together with ${title(link.seed)} in ${link.support} order${link.support === 1 ? "" : "s"}`
    }
    case "content": {
      const link = strongestLink(model.content, seeds, c.id)
      const seed = link ? link.seed : seeds.length ? seeds[0] : -1
      if (seed < 0) return "Similar products"
      const shared = sharedTerms(model.terms, model.vocabulary, c.id, seed)
      if (shared.length) return `Shares: ${shared.join(", ")}`
      return `Similar to ${title(seed)}`
    }
    case "personal": {
      if (includes(seeds, c.id)) return "You buy this often"
      const bought = strongestLink(model.cooccurrence, seeds, c.id)
      const alike = strongestLink(model.content, seeds, c.id)
      const link = bought && (!alike || bought.score >= alike.score) ? bought : alike
      return link ? `Because you bought ${title(link.seed)}` : "Picked for you"
    }
    case "category_trending":
      return "Popular in this category"
    case "trending":
      return "Popular right now"
    default:
      return "You may also like"
  }
}
