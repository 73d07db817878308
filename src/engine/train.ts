/**
 * Trains what a request reads: every model (fit.ts), then, in a small shop, the weight its
 * store-wide prior deserves (calibrate.ts).
 */
import { calibratePriors } from "./calibrate"
import { fitModels, TRAINING_DEFAULTS, type Stage, type TrainingInput, type TrainingParams } from "./fit"
import type { Model } from "./types"

export { TRAINING_DEFAULTS, type Stage, type TrainingInput, type TrainingParams } from "./fit"

export async function train(
  input: TrainingInput,
  params: TrainingParams = TRAINING_DEFAULTS,
  options: { threads?: number; onStage?: (stage: Stage, seconds: number) => void } = {}
): Promise<Model> {
  const model = await fitModels(input, params, options)
  const started = process.hrtime.bigint()
  const priorScale = await calibratePriors(input, params)
  options.onStage?.("calibration", Number(process.hrtime.bigint() - started) / 1e9)
  return { ...model, priorScale }
}
