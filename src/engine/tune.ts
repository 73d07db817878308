/**
 * Auto-tune: searches the blend weights and the diversity of the two surfaces the offline
 * evaluation measures (also bought, for you) on the store's own history, with the evaluation's
 * protocol: the models are trained once on the older orders (prepareSplit), and each candidate
 * setting is scored, through the production pipeline, on the newest orders.
 *
 * The search is coordinate ascent from the merchant's current settings: one parameter at a time,
 * every value of its grid is scored with the others held, and the best replaces the incumbent
 * only when its NDCG@k is higher by more than `minGain` (relative): a small test window is noisy,
 * and the current settings keep the benefit of the doubt. So the proposal never scores below the
 * current settings on the split. Related products and the cart are not measured by the
 * evaluation, so their settings are not proposed (left as they are).
 */
import { evaluate, type TaskResult } from "./evaluation"
import { hybridStrategy, prepareSplit, type OfflineInput } from "./offline"
import { TUNE } from "./params"
import type { Source, SurfaceSettings } from "./types"

export type TunedSurface = "also_bought" | "for_you"
export const TUNED_SURFACES: readonly TunedSurface[] = ["also_bought", "for_you"]

/** A parameter the search moves: a source's weight, or one of the diversity settings. */
export type TuneParameter = { kind: "weight"; source: Source } | { kind: "lambda" } | { kind: "maxPerCategory" }

export interface TuneFigures {
  ndcg: number
  hitRate: number
  /** Share of the trained products recommended (also bought only; null for for-you). */
  coverage: number | null
  /** Test cases scored: seed products (also bought) or returning customers (for you). */
  cases: number
}

export interface SurfaceProposal {
  current: SurfaceSettings
  proposed: SurfaceSettings
  currentFigures: TuneFigures
  proposedFigures: TuneFigures
  /** The proposal differs from the current settings. */
  changed: boolean
  /** Candidate settings scored for this surface (the current ones included). */
  evaluations: number
  /** Why the surface was not searched (too few test cases), when it was not. */
  skipped?: string
}

export interface TuneResult {
  k: number
  testFraction: number
  trainOrders: number
  testOrders: number
  /** Wall seconds to train the split's models, and to search. */
  trainSeconds: number
  searchSeconds: number
  surfaces: Record<TunedSurface, SurfaceProposal>
}

export type TuneParams = typeof TUNE

export interface TuneOptions {
  /** The merchant's current settings of the tuned surfaces (the search starts there). */
  current: Record<TunedSurface, SurfaceSettings>
  params?: TuneParams
  /** Share of the search done, 0..1. */
  onProgress?: (fraction: number) => void
  /** Worker threads for training the split's models (see fitModels). */
  threads?: number
}

/** The parameters searched per surface: the sources a surface's request can use, then diversity. */
const SEARCHED: Record<TunedSurface, TuneParameter[]> = {
  // An also-bought request has a seed product and no shopper history: personal never scores.
  also_bought: [
    { kind: "weight", source: "cooccurrence" },
    { kind: "weight", source: "content" },
    { kind: "weight", source: "trending" },
    { kind: "lambda" },
    { kind: "maxPerCategory" },
  ],
  // A for-you request has a history and no seed: co-purchase and content rows never score.
  for_you: [{ kind: "weight", source: "personal" }, { kind: "weight", source: "trending" }, { kind: "lambda" }, { kind: "maxPerCategory" }],
}

export function parameterValue(settings: SurfaceSettings, p: TuneParameter): number {
  if (p.kind === "weight") return settings.weights[p.source]
  return p.kind === "lambda" ? settings.diversity.lambda : settings.diversity.maxPerCategory
}

export function withParameter(settings: SurfaceSettings, p: TuneParameter, value: number): SurfaceSettings {
  if (p.kind === "weight") return { ...settings, weights: { ...settings.weights, [p.source]: value } }
  return { ...settings, diversity: { ...settings.diversity, [p.kind]: value } }
}

function grid(p: TuneParameter, params: TuneParams): readonly number[] {
  if (p.kind === "weight") return params.weights
  return p.kind === "lambda" ? params.lambdas : params.maxPerCategory
}

const figures = (r: TaskResult): TuneFigures => ({ ndcg: r.ndcg, hitRate: r.hr, coverage: r.coverage ?? null, cases: r.cases })

/** A candidate must beat the incumbent's NDCG by this much (relative, and a little absolute). */
const beats = (candidate: number, incumbent: number, minGain: number) => candidate > incumbent * (1 + minGain) + 1e-12

export async function tune(input: OfflineInput, options: TuneOptions): Promise<TuneResult> {
  const params = options.params ?? TUNE
  const onProgress = options.onProgress ?? (() => {})
  const split = await prepareSplit(input, { testFraction: params.testFraction, k: params.k, threads: options.threads })
  const started = process.hrtime.bigint()

  const score = (surface: TunedSurface, candidates: SurfaceSettings[]): TaskResult[] => {
    const strategies = candidates.map((c, i) =>
      surface === "also_bought" ? hybridStrategy(split, String(i), c, undefined) : hybridStrategy(split, String(i), undefined, c)
    )
    const result = evaluate(split.train, split.test, strategies, { k: params.k })
    const task = surface === "also_bought" ? result.alsoBought : result.forYou
    return candidates.map((_, i) => task[String(i)])
  }

  // The budget is shared out between the surfaces before either starts, so progress is honest.
  const budget = Math.max(1, Math.floor(params.maxEvaluations / TUNED_SURFACES.length))
  let done = 0
  const surfaces = {} as Record<TunedSurface, SurfaceProposal>
  for (const surface of TUNED_SURFACES) {
    const current = options.current[surface]
    const [baseline] = score(surface, [current])
    let evaluations = 1
    let incumbent = current
    let best = baseline
    const report = () => onProgress(Math.min(1, (done + evaluations) / (budget * TUNED_SURFACES.length)))
    report()
    if (baseline.cases < params.minCases) {
      surfaces[surface] = {
        current,
        proposed: current,
        currentFigures: figures(baseline),
        proposedFigures: figures(baseline),
        changed: false,
        evaluations,
        skipped: `${baseline.cases} test cases: the search needs at least ${params.minCases}`,
      }
      done += budget
      continue
    }
    for (let round = 0; round < params.rounds && evaluations < budget; round++) {
      let moved = false
      for (const p of SEARCHED[surface]) {
        const now = parameterValue(incumbent, p)
        const values = grid(p, params).filter((v) => v !== now).slice(0, budget - evaluations)
        if (values.length === 0) continue
        // Settings with every weight at 0 are not offered: the admin refuses them (no source would rank).
        const candidates = values.map((v) => withParameter(incumbent, p, v)).filter((c) => Object.values(c.weights).some((w) => w > 0))
        if (candidates.length === 0) continue
        const results = score(surface, candidates)
        evaluations += candidates.length
        let pick = -1
        results.forEach((r, i) => {
          if (beats(r.ndcg, (pick < 0 ? best : results[pick]).ndcg, pick < 0 ? params.minGain : 0)) pick = i
        })
        if (pick >= 0) {
          incumbent = candidates[pick]
          best = results[pick]
          moved = true
        }
        report()
        // Let the caller's progress reports out between batches (the search is synchronous).
        await new Promise((resolve) => setImmediate(resolve))
        if (evaluations >= budget) break
      }
      // A round that moved nothing would move nothing again: the search has converged.
      if (!moved) break
    }
    surfaces[surface] = {
      current,
      proposed: incumbent,
      currentFigures: figures(baseline),
      proposedFigures: figures(best),
      changed: incumbent !== current,
      evaluations,
    }
    done += budget
  }
  onProgress(1)
  return {
    k: params.k,
    testFraction: params.testFraction,
    trainOrders: split.train.offsets.length - 1,
    testOrders: split.test.offsets.length - 1,
    trainSeconds: split.trainSeconds,
    searchSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    surfaces,
  }
}
