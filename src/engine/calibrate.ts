/**
 * How much a shop's store-wide prior (trending) is worth against a shopper's own evidence differs
 * from shop to shop: in a gift shop co-purchases and repeat purchases predict well, in a grocery
 * with a few hundred staples the best sellers do, and in a shop of a few dozen orders co-purchases
 * are mostly chance. A small shop measures it: the models are fitted on the older part of its
 * training orders, and each candidate multiplier of the trending weight is scored, through the
 * production pipeline, on the newest part. Large shops keep the defaults, which were tuned on a
 * large shop, and so does a shop too small to measure: without a measure they are the best guess,
 * and a new store still shows what is bought together.
 *
 * Confidence matters as much as similarity: the other sources get credit only when their gain
 * over the best sellers alone (multiplier Infinity) is clear of the noise, with the cases of one
 * order (also bought) or one customer (for you) counted as one piece of evidence.
 */
import { createScratch, scaleWeights } from "./blend"
import { indexCatalog } from "./catalog"
import { clusteredGain, evaluate, sliceOrders, unitCollector, type Strategy, type Units } from "./evaluation"
import { fitModels, type TrainingInput, type TrainingParams } from "./fit"
import { contentSimilarity } from "./mmr"
import { CALIBRATION, SURFACE_DEFAULTS } from "./params"
import { recommend } from "./recommend"
import type { Catalog, Model, Surface, SurfaceSettings } from "./types"

const K = 10

/** A catalogue with every item shown and the training categories, for scoring lists offline. */
function openCatalog(input: TrainingInput): Catalog {
  const { catalog } = indexCatalog(Array.from({ length: input.orders.nItems }, () => ({})))
  return { ...catalog, categories: input.categories }
}

/**
 * The candidate among `candidates` with the best mean NDCG among those whose gain over `reference`
 * has a lower confidence bound, mean - z * standard error clustered by unit, above 0; else `reference`.
 */
export function confidentBest(units: Units, candidates: number[], reference: number, z: number): number {
  let best = reference
  let bestGain = 0
  for (const c of candidates) {
    if (c === reference) continue
    const { gain, se } = clusteredGain(units, c, reference)
    if (gain - z * se > 0 && gain > bestGain) {
      best = c
      bestGain = gain
    }
  }
  return best
}

/** The multiplier per task: 1 when the shop is too large or too small to measure. */
export async function calibratePriors(
  input: TrainingInput,
  params: TrainingParams,
  surfaces: Record<Surface, SurfaceSettings> = SURFACE_DEFAULTS,
  calibration = CALIBRATION
): Promise<Model["priorScale"]> {
  const { orders } = input
  const nOrders = orders.offsets.length - 1
  const nValidation = Math.round(nOrders * calibration.validationFraction)
  if (orders.items.length > calibration.maxLines || nValidation === 0 || nValidation === nOrders) return { seeded: 1, personal: 1 }
  // The best sellers alone (Infinity) are scored too: the reference every other scale must beat.
  const scales = [...calibration.scales, Infinity]
  const { units, onCase } = unitCollector(scales.length)
  const scaled = (settings: SurfaceSettings, scale: number): SurfaceSettings => ({ ...settings, limit: K, weights: scaleWeights(settings.weights, scale) })
  const alsoBought = scales.map((scale) => scaled(surfaces.also_bought, scale))
  const forYou = scales.map((scale) => scaled(surfaces.for_you, scale))
  const fit = sliceOrders(orders, 0, nOrders - nValidation)
  const model = await fitModels({ ...input, orders: fit, now: undefined }, params, { threads: 1 })
  const ctx = { model, catalog: openCatalog(input), scratch: createScratch(model.nItems), similarity: contentSimilarity(model), withoutReasons: true }
  const strategies: Strategy[] = scales.map((scale, s) => ({
    name: String(scale),
    alsoBought: (seed) => recommend({ surface: "also_bought", seeds: [seed], limit: K }, alsoBought[s], ctx).map((r) => r.id),
    forYou: (history) => recommend({ surface: "for_you", history, limit: K }, forYou[s], ctx).map((r) => r.id),
  }))
  evaluate(fit, sliceOrders(orders, nOrders - nValidation, nOrders), strategies, { k: K, onCase })
  const best = (task: Units) => {
    let cases = 0
    for (const u of task.values()) cases += u.cases
    if (cases < calibration.minCases) return 1
    // Every departure needs evidence: the defaults from the best sellers alone, another scale from
    // the incumbent (the defaults when they clearly beat the best sellers, else the best sellers).
    const all = scales.map((_, s) => s)
    const incumbent = confidentBest(task, [scales.indexOf(1)], scales.length - 1, calibration.z)
    return scales[confidentBest(task, all, incumbent, calibration.z)]
  }
  return { seeded: best(units.alsoBought), personal: best(units.forYou) }
}
