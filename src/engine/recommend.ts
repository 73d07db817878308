/**
 * One request, end to end: blend the sources, apply the merchant's rules and the hard filters,
 * diversify, fill from the fallback chain, give exploration slots, and explain every item.
 */
import { blend, seedsOf, type Scratch } from "./blend"
import { fillFallbacks } from "./fallback"
import { blocked } from "./filters"
import { explore, mmr } from "./mmr"
import { PERSONAL } from "./params"
import { explainAll } from "./reasons"
import { activeRules, applyRules, ruleExclusion } from "./rules"
import type { Catalog, Model, Recommendation, RecommendationRequest, Rule, SurfaceSettings } from "./types"

export interface RecommendContext {
  model: Model
  catalog: Catalog
  scratch: Scratch
  /** Item similarity for MMR, in [0, 1]; built once per model (see contentSimilarity). */
  similarity: (a: number, b: number) => number
  rules?: Rule[]
  titles?: (id: number) => string
  /** Exploration pool, fresh products newest first (see freshItems). */
  fresh?: ArrayLike<number>
  personal?: typeof PERSONAL
  /** Skip the reason strings (offline evaluation scores only the ranking). */
  withoutReasons?: boolean
}

const NO_CATEGORIES = new Uint32Array(0)

/** The last `max` distinct ids of a history (newest last), newest first: what a reason may cite. */
function newestDistinct(ids: ArrayLike<number>, max: number): number[] {
  const out = new Set<number>()
  for (let h = ids.length - 1; h >= 0 && out.size < max; h--) out.add(ids[h])
  return [...out]
}

export function recommend(request: RecommendationRequest, settings: SurfaceSettings, ctx: RecommendContext): Recommendation[] {
  const { model, catalog } = ctx
  const k = request.limit
  const seeds = seedsOf(request)
  const ruleCtx = { surface: request.surface, seeds, catalog }
  const active = ctx.rules?.length ? activeRules(ctx.rules, ruleCtx) : []
  const hardBlocked = blocked({ request, settings, catalog })
  const excludedByRule = ruleExclusion(active, catalog)
  const isBlocked = excludedByRule ? (id: number) => hardBlocked(id) || excludedByRule(id) : hardBlocked

  let list = blend(model, request, settings, ctx.scratch, ctx.personal)
  // applyRules already drops what exclude rules name, so only the hard filters remain here.
  if (active.length) list = applyRules(list, active, ruleCtx)
  list = list.filter((c) => !hardBlocked(c.id))
  const { categories } = catalog
  list = mmr(list, k, settings.diversity, ctx.similarity, (id) =>
    id < catalog.nItems ? categories.ids.subarray(categories.offsets[id], categories.offsets[id + 1]) : NO_CATEGORIES
  )
  list = fillFallbacks(list, k, settings.fallbacks, { model, catalog, seeds, isBlocked, minScore: settings.minScore })
  if (settings.diversity.explorationSlots > 0 && ctx.fresh) list = explore(list, k, settings.diversity.explorationSlots, ctx.fresh, isBlocked)

  const reasonSeeds =
    request.surface === "for_you" ? newestDistinct(request.purchased ?? request.history?.ids ?? [], (ctx.personal ?? PERSONAL).maxHistory) : seeds
  const reasons = ctx.withoutReasons ? undefined : explainAll(list, { model, seeds: reasonSeeds, titles: ctx.titles, surface: request.surface })
  return list.map((c, i) => ({ id: c.id, score: c.score, sources: c.sources, reason: reasons?.[i] ?? "" }))
}
