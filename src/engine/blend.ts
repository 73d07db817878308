/**
 * Candidate generation and blending. Every source scores on the same scale, a probability that
 * the shopper buys the item next (co-purchase P(j | seed), personal share, trending share of
 * recent orders), so a blend is a weighted sum: with weights 1 and 1, the seed's evidence and the
 * store-wide prior add up, and a seed with little evidence falls back to what is selling.
 */
import { personalScores } from "./personal"
import { PERSONAL } from "./params"
import { selectTopK } from "./topk"
import type { Candidate, Model, Neighbours, RecommendationRequest, SurfaceSettings } from "./types"

/** Reusable per-model buffers: a request allocates nothing proportional to the catalogue. */
export interface Scratch {
  cooccurrence: Float64Array
  content: Float64Array
  personal: Float64Array
  blended: Float64Array
  touched: Uint32Array
  mark: Uint8Array
  topIds: Uint32Array
  topScores: Float32Array
}

/** Candidates kept after blending, per requested item; rules, filters and MMR choose among them. */
export const POOL_PER_ITEM = 10
const MIN_POOL = 100

export function createScratch(nItems: number): Scratch {
  return {
    cooccurrence: new Float64Array(nItems),
    content: new Float64Array(nItems),
    personal: new Float64Array(nItems),
    blended: new Float64Array(nItems),
    touched: new Uint32Array(nItems),
    mark: new Uint8Array(nItems),
    topIds: new Uint32Array(nItems),
    topScores: new Float32Array(nItems),
  }
}

/** The request's seeds: the page's product, or the cart's items on the cart surface. */
export function seedsOf(request: RecommendationRequest): ArrayLike<number> {
  return request.seeds ?? (request.surface === "cart" ? request.cart ?? [] : [])
}

/**
 * The weights with the store-wide prior (trending) multiplied by `scale`; Infinity is the prior
 * alone, the best sellers, for a shop whose own history gives the other sources no credit (unless
 * the surface has no prior to fall back on).
 */
export function scaleWeights(weights: SurfaceSettings["weights"], scale: number): SurfaceSettings["weights"] {
  if (scale === 1) return weights
  if (scale === Infinity) return weights.trending > 0 ? { cooccurrence: 0, content: 0, personal: 0, trending: weights.trending } : weights
  return { ...weights, trending: weights.trending * scale }
}

export function blend(model: Model, request: RecommendationRequest, settings: SurfaceSettings, scratch: Scratch, personal = PERSONAL): Candidate[] {
  const w = scaleWeights(settings.weights, request.surface === "for_you" ? model.priorScale.personal : model.priorScale.seeded)
  const { touched, mark } = scratch
  let nTouched = 0
  const touch = (j: number) => {
    if (mark[j] === 0) {
      mark[j] = 1
      touched[nTouched++] = j
    }
  }
  const seeds = seedsOf(request)
  const rows = (nb: Neighbours, acc: Float64Array) => {
    // The mean over seeds keeps a cart's scores on the same scale as one product's.
    const share = 1 / seeds.length
    for (let s = 0; s < seeds.length; s++) {
      const seed = seeds[s]
      if (seed >= model.nItems) continue
      for (let p = nb.offsets[seed]; p < nb.offsets[seed + 1]; p++) {
        const j = nb.ids[p]
        touch(j)
        acc[j] += share * nb.scores[p]
      }
    }
  }
  if (w.cooccurrence > 0 && seeds.length) rows(model.cooccurrence, scratch.cooccurrence)
  if (w.content > 0 && seeds.length) rows(model.content, scratch.content)
  if (w.personal > 0 && request.history && request.history.ids.length) {
    const n = personalScores(model.cooccurrence, request.history, request.now ?? model.trainedUntil, scratch.personal, scratch.topIds, personal)
    for (let t = 0; t < n; t++) touch(scratch.topIds[t])
  }
  const limit = Math.max(MIN_POOL, POOL_PER_ITEM * settings.limit)
  if (w.trending > 0) for (let r = 0; r < model.trendingOrder.length && r < limit; r++) touch(model.trendingOrder[r])

  const { blended } = scratch
  for (let t = 0; t < nTouched; t++) {
    const j = touched[t]
    blended[j] =
      w.cooccurrence * scratch.cooccurrence[j] + w.content * scratch.content[j] + w.personal * scratch.personal[j] + w.trending * model.trending[j]
  }
  const n = selectTopK(blended, touched, nTouched, limit, scratch.topIds, scratch.topScores, 0, -Infinity)
  const out: Candidate[] = new Array(n)
  for (let r = 0; r < n; r++) {
    const j = scratch.topIds[r]
    const sources: Candidate["sources"] = {}
    if (scratch.cooccurrence[j] > 0) sources.cooccurrence = w.cooccurrence * scratch.cooccurrence[j]
    if (scratch.content[j] > 0) sources.content = w.content * scratch.content[j]
    if (scratch.personal[j] > 0) sources.personal = w.personal * scratch.personal[j]
    if (w.trending > 0 && model.trending[j] > 0) sources.trending = w.trending * model.trending[j]
    out[r] = { id: j, score: scratch.topScores[r], sources }
  }
  for (let t = 0; t < nTouched; t++) {
    const j = touched[t]
    scratch.cooccurrence[j] = scratch.content[j] = scratch.personal[j] = blended[j] = 0
    mark[j] = 0
  }
  return out
}
