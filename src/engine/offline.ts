/**
 * The offline evaluation of a store's history: time split, train on the past, score the
 * baselines and the plugin's strategies on the future. The command line, each training run and
 * auto-tune all call this.
 */
import { popularityOrder, rebuy, topExcluding } from "./baselines"
import { createScratch } from "./blend"
import { indexCatalog } from "./catalog"
import { evaluate, timeSplit, type EvaluateOptions, type Evaluation, type History, type Strategy } from "./evaluation"
import { contentSimilarity } from "./mmr"
import { SURFACE_DEFAULTS } from "./params"
import { recommend } from "./recommend"
import { train, TRAINING_DEFAULTS, type TrainingParams } from "./train"
import type { Orders, ProductDocument, RecommendationRequest, Surface, SurfaceSettings } from "./types"

export interface OfflineInput {
  orders: Orders
  /** Per item: its text, and the categories, tags, type and collection rules and diversity read. */
  documents: ProductDocument[]
  /** Product ids per item: popularity breaks ties by id, as the protocol says. */
  productIds: string[]
}

export interface OfflineOptions {
  testFraction: number
  k: number
  training?: TrainingParams
  surfaces?: Record<Surface, SurfaceSettings>
  /** Worker threads for the co-purchase rows (see fitModels); the engine's default when absent. */
  threads?: number
  /** Hears every case's NDCG per strategy, by name, with its unit (see EvaluateOptions). */
  onCase?: (task: "alsoBought" | "forYou", strategy: string, unit: number, ndcg: number) => void
}

export interface OfflineResult extends Evaluation {
  /** Wall seconds to train the hybrid's models from the parsed training orders. */
  trainSeconds: number
}

/** A strategy that is the production pipeline with other weights: one source alone. */
const only = (base: SurfaceSettings, source: keyof SurfaceSettings["weights"]): SurfaceSettings => ({
  ...base,
  weights: { cooccurrence: 0, content: 0, personal: 0, trending: 0, [source]: 1 },
  fallbacks: ["trending"],
})

/**
 * The split, the models trained on its older part and what scoring a list needs, built once:
 * the offline evaluation scores its strategies on it, auto-tune many candidate settings (only
 * the blend and diversity change between candidates, so the models are trained once).
 */
export interface PreparedSplit {
  train: Orders
  test: Orders
  k: number
  /** Runs the production pipeline with `settings` (limit k), ids only. */
  run: (settings: SurfaceSettings, request: Omit<RecommendationRequest, "limit">) => number[]
  /** Content cosine, for intra-list diversity. */
  similarity: (a: number, b: number) => number
  /** Training items by popularity, ties by product id. */
  popular: Uint32Array
  idRank: Uint32Array
  trainSeconds: number
}

export async function prepareSplit(input: OfflineInput, options: Omit<OfflineOptions, "surfaces">): Promise<PreparedSplit> {
  const { k } = options
  const { train: trainOrders, test } = timeSplit(input.orders, options.testFraction)
  const { catalog, names } = indexCatalog(input.documents)

  const started = process.hrtime.bigint()
  const model = await train(
    { orders: trainOrders, documents: input.documents, categories: catalog.categories, nCategories: names.categories.length },
    options.training ?? TRAINING_DEFAULTS,
    { threads: options.threads }
  )
  const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9

  const ctx = { model, catalog, scratch: createScratch(model.nItems), similarity: contentSimilarity(model), withoutReasons: true }
  const ids = input.productIds
  const idRank = new Uint32Array(ids.length)
  ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)).forEach((i, r) => (idRank[i] = r))
  const popular = popularityOrder(model.orderCount, idRank)
  const run = (settings: SurfaceSettings, request: Omit<RecommendationRequest, "limit">) =>
    recommend({ ...request, limit: k }, { ...settings, limit: k }, ctx).map((r) => r.id)
  return { train: trainOrders, test, k, run, similarity: ctx.similarity, popular, idRank, trainSeconds }
}

/** The hybrid strategy: the production pipeline on the also-bought and for-you surfaces' settings. */
export function hybridStrategy(
  split: PreparedSplit,
  name: string,
  alsoBought: SurfaceSettings | undefined,
  forYou: SurfaceSettings | undefined
): Strategy {
  return {
    name,
    ...(alsoBought ? { alsoBought: (seed: number) => split.run(alsoBought, { surface: "also_bought", seeds: [seed] }) } : {}),
    ...(forYou ? { forYou: (h: History) => split.run(forYou, { surface: "for_you", history: h }) } : {}),
  }
}

export async function offlineEvaluation(input: OfflineInput, options: OfflineOptions): Promise<OfflineResult> {
  const { k } = options
  const surfaces = options.surfaces ?? SURFACE_DEFAULTS
  const split = await prepareSplit(input, options)
  const { run, popular, idRank } = split
  const distinct = (h: History) => Uint32Array.from(new Set(h.ids))

  const strategies: Strategy[] = [
    {
      name: "popularity",
      alsoBought: (seed) => topExcluding(popular, k, (i) => i === seed),
      forYou: () => popular.subarray(0, k),
    },
    { name: "rebuy", forYou: (h) => rebuy(h.ids, k, popular, idRank) },
    {
      name: "cooccurrence",
      alsoBought: (seed) => run(only(surfaces.also_bought, "cooccurrence"), { surface: "also_bought", seeds: [seed] }),
      forYou: (h) => run(only(surfaces.also_bought, "cooccurrence"), { surface: "also_bought", seeds: distinct(h) }),
    },
    {
      name: "content",
      alsoBought: (seed) => run(only(surfaces.related, "content"), { surface: "related", seeds: [seed] }),
      forYou: (h) => run(only(surfaces.related, "content"), { surface: "related", seeds: distinct(h) }),
    },
    hybridStrategy(split, "hybrid", surfaces.also_bought, surfaces.for_you),
  ]
  const { onCase } = options
  const byName: EvaluateOptions["onCase"] = onCase && ((task, s, unit, ndcg) => onCase(task, strategies[s].name, unit, ndcg))
  return { ...evaluate(split.train, split.test, strategies, { k, similarity: split.similarity, onCase: byName }), trainSeconds: split.trainSeconds }
}
