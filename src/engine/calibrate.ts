/**
 * How much a shop's store-wide prior (trending) is worth against a shopper's own evidence differs
 * from shop to shop: in a gift shop co-purchases and repeat purchases predict well, in a grocery
 * with a few hundred staples the best sellers do. A small shop measures it: the models are fitted
 * on the older part of its training orders, and each candidate multiplier of the trending weight
 * is scored, through the production pipeline, on the newest part. Large shops keep the defaults,
 * which were tuned on a large shop.
 */
import { createScratch } from "./blend"
import { indexCatalog } from "./catalog"
import { evaluate, sliceOrders, type Strategy } from "./evaluation"
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

/** The best multiplier per task, or 1 when the shop is too large or too small to measure. */
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
  const fit = sliceOrders(orders, 0, nOrders - nValidation)
  const validation = sliceOrders(orders, nOrders - nValidation, nOrders)
  const model = await fitModels({ ...input, orders: fit, now: undefined }, params, { threads: 1 })
  const ctx = { model, catalog: openCatalog(input), scratch: createScratch(model.nItems), similarity: contentSimilarity(model), withoutReasons: true }
  const scaled = (settings: SurfaceSettings, scale: number): SurfaceSettings => ({
    ...settings,
    limit: K,
    weights: { ...settings.weights, trending: settings.weights.trending * scale },
  })
  const strategies: Strategy[] = calibration.scales.map((scale) => {
    const alsoBought = scaled(surfaces.also_bought, scale)
    const forYou = scaled(surfaces.for_you, scale)
    return {
      name: String(scale),
      alsoBought: (seed) => recommend({ surface: "also_bought", seeds: [seed], limit: K }, alsoBought, ctx).map((r) => r.id),
      forYou: (history) => recommend({ surface: "for_you", history, limit: K }, forYou, ctx).map((r) => r.id),
    }
  })
  const result = evaluate(fit, validation, strategies, { k: K })
  // Another scale replaces the default only when it is clearly better: small validation sets are noisy.
  const best = (task: typeof result.alsoBought) => {
    if (task["1"].cases < calibration.minCases) return 1
    let scale = 1
    for (const s of calibration.scales) if (task[String(s)].ndcg > task[String(scale)].ndcg) scale = s
    return task[String(scale)].ndcg > task["1"].ndcg * (1 + calibration.minGain) ? scale : 1
  }
  return { seeded: best(result.alsoBought), personal: best(result.forYou) }
}
