/**
 * Latent factors for "for you": would implicit ALS (engine/als.ts) improve the hybrid? On Online
 * Retail's split, the for-you NDCG of the hybrid (the production pipeline), of ALS alone, and of
 * the hybrid's own blended scores (every product scored) with ALS scores added at a few weights,
 * each against the hybrid with 1.64 standard errors clustered by customer. The hybrid would take
 * ALS only for a gain clear of that noise; this prints the measurement behind the choice.
 */
import { als, foldIn, type Factors } from "../engine/als"
import { blend, createScratch } from "../engine/blend"
import { indexCatalog } from "../engine/catalog"
import { clusteredGain, evaluate, timeSplit, unitCollector, type History, type Strategy } from "../engine/evaluation"
import { contentSimilarity } from "../engine/mmr"
import { ALS, CALIBRATION, SURFACE_DEFAULTS } from "../engine/params"
import { recommend } from "../engine/recommend"
import { selectTopK } from "../engine/topk"
import { train, TRAINING_DEFAULTS } from "../engine/train"
import { loadOnlineRetail } from "./training"

const K = 10
const TEST_FRACTION = 0.1
/** Multipliers of the ALS score added to the hybrid's blended score. */
const WEIGHTS = [0.003, 0.01, 0.03, 0.1]
const Z = CALIBRATION.z

/** x . y for every product, x folded in from the history's products and their line counts. */
function alsScores(factors: Factors, history: History, out: Float64Array): Float64Array {
  const counts = new Map<number, number>()
  for (const i of history.ids) counts.set(i, (counts.get(i) ?? 0) + 1)
  const x = foldIn(factors, [...counts.keys()], [...counts.values()])
  const { k, items } = factors
  for (let i = 0; i < out.length; i++) {
    let dot = 0
    for (let u = 0; u < k; u++) dot += x[u] * items[i * k + u]
    out[i] = dot
  }
  return out
}

export async function benchAls(log: (line: string) => void): Promise<void> {
  const data = loadOnlineRetail(log)
  const { train: trainOrders, test } = timeSplit(data.orders, TEST_FRACTION)
  const { catalog, names } = indexCatalog(data.documents)
  const model = await train(
    { orders: trainOrders, documents: data.documents, categories: catalog.categories, nCategories: names.categories.length },
    TRAINING_DEFAULTS
  )
  const started = process.hrtime.bigint()
  const factors = als(trainOrders)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  log(`als: implicit ALS (k ${ALS.k}, alpha ${ALS.alpha}, lambda ${ALS.lambda}, ${ALS.iterations} iterations) on Online Retail's training orders: ${seconds.toFixed(1)} s`)

  const n = model.nItems
  const scratch = createScratch(n)
  const ctx = { model, catalog, scratch, similarity: contentSimilarity(model), withoutReasons: true }
  const forYou = { ...SURFACE_DEFAULTS.for_you, limit: K }
  // A pool of every product: the blend's score for each, to add ALS's to.
  const everything = { ...SURFACE_DEFAULTS.for_you, limit: n }
  const scores = new Float64Array(n)
  const combined = new Float64Array(n)
  const ids = new Uint32Array(n)
  const allItems = Uint32Array.from({ length: n }, (_, i) => i)
  const topIds = new Uint32Array(K)
  const topScores = new Float32Array(K)
  const best = (score: Float64Array, pool: ArrayLike<number>, size: number) =>
    Array.from(topIds.subarray(0, selectTopK(score, pool, size, K, topIds, topScores, 0, -Infinity)))
  const withAls = (w: number) => (h: History) => {
    alsScores(factors, h, scores)
    combined.fill(-Infinity)
    const pool = blend(model, { surface: "for_you", history: h, limit: n }, everything, scratch)
    for (let r = 0; r < pool.length; r++) {
      ids[r] = pool[r].id
      combined[pool[r].id] = pool[r].score + w * scores[pool[r].id]
    }
    return best(combined, ids, pool.length)
  }
  // The hybrid first (the reference), then ALS alone, the recomposed hybrid (weight 0: it must
  // match the first) and the weights.
  const strategies: Strategy[] = [
    { name: "hybrid", forYou: (h) => recommend({ surface: "for_you", history: h, limit: K }, forYou, ctx).map((r) => r.id) },
    { name: "ALS alone", forYou: (h) => best(alsScores(factors, h, scores), allItems, n) },
    ...[0, ...WEIGHTS].map((w) => ({ name: `hybrid + ${w} x ALS`, forYou: withAls(w) })),
  ]
  const firstWeight = strategies.length - WEIGHTS.length
  const { units, onCase } = unitCollector(strategies.length)
  const result = evaluate(trainOrders, test, strategies, { k: K, onCase })
  const hybrid = result.forYou.hybrid.ndcg
  log(`als: for-you ndcg@10 over ${result.forYou.hybrid.cases} customers, each against the hybrid ± ${Z} standard errors (clustered by customer)`)
  let clear = 0
  strategies.forEach((s, i) => {
    const { ndcg } = result.forYou[s.name]
    if (i === 0) return log(`  ${s.name.padEnd(22)} ${ndcg.toFixed(4)}`)
    const { gain, se } = clusteredGain(units.forYou, i, 0)
    if (i >= firstWeight && gain - Z * se > 0) clear++
    log(`  ${s.name.padEnd(22)} ${ndcg.toFixed(4)}  ${gain >= 0 ? "+" : ""}${gain.toFixed(4)} ± ${(Z * se).toFixed(4)}`)
  })
  log(
    clear
      ? `als: ${clear} weight(s) improve the hybrid beyond the noise`
      : `als: no weight improves the hybrid beyond the noise (hybrid ${hybrid.toFixed(4)}): the hybrid leaves latent factors out`
  )
}
