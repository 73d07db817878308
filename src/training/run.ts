/**
 * One training run, start to end, on an open connection: record the run as started, read the
 * store's signals and catalogue, train, evaluate on the store's history, write a complete model
 * version and make it current, record the outcome. Any failure marks the run failed (the previous
 * model version stays current) and is rethrown for the queue to decide on a retry.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { train, TRAINING_DEFAULTS } from "../engine"
import { writeModelVersion } from "../modules/recommendations/utils/model-store"
import { failRun, finishRun, startRun, updateRunProgress } from "../modules/recommendations/utils/training-runs"
import type { TrainingEntryContext } from "../queue/types"
import { evaluateHistory, type EvaluationSummary } from "./evaluate"
import { RunProgress } from "./progress"
import { readTrainingData, type TrainingCounts } from "./read"
import { TRAINING_THREADS } from "./threads"

export type TrainingSummary = {
  runId: string
  modelVersionId: string
  version: number
  counts: TrainingCounts
  /** Seconds: read, each training stage (co-purchase and content overlap), evaluation, write, total. */
  timings: Record<string, number>
  evaluation: EvaluationSummary["status"]
}

/** The training stages that report a wall time, for the share of training done. */
const TRAIN_STAGES = 4

export async function runTraining(knex: Knex, context: TrainingEntryContext): Promise<TrainingSummary> {
  const startedAt = process.hrtime.bigint()
  const since = (t: bigint) => round(Number(process.hrtime.bigint() - t) / 1e9)
  const progress = new RunProgress(context, (fraction, stage) => updateRunProgress(knex, context.jobId, fraction, stage))
  try {
    const runId = await startRun(knex, context.jobId, context.trigger, context.attempt)
    const timings: Record<string, number> = {}

    progress.report("read", 0)
    let t = process.hrtime.bigint()
    const data = await readTrainingData(knex, {
      metadataKeys: TRAINING_DEFAULTS.content.metadataKeys,
      onProgress: (fraction) => progress.report("read", fraction),
    })
    timings.read = since(t)
    await context.log(`read ${JSON.stringify(data.counts)}`)

    progress.report("train", 0)
    let stagesDone = 0
    t = process.hrtime.bigint()
    const model = await train(
      {
        orders: data.orders,
        documents: data.documents,
        categories: data.categories,
        nCategories: data.categoryIds.length,
        views: data.views,
        // Decay is measured from the newest signal; a store without any from now.
        now: data.newestSignal ?? Date.now(),
      },
      TRAINING_DEFAULTS,
      {
        threads: TRAINING_THREADS,
        onStage: (stage, seconds) => {
          timings[stage] = round(seconds)
          progress.report("train", ++stagesDone / TRAIN_STAGES)
        },
      }
    )
    timings.train = since(t)

    progress.report("evaluate", 0)
    t = process.hrtime.bigint()
    const evaluation = await evaluateHistory(data).catch(
      // The evaluation only describes the model: its failure is recorded, the model still ships.
      (error: Error): EvaluationSummary => ({ status: "failed", reason: error.message })
    )
    timings.evaluation = since(t)
    if (evaluation.status !== "evaluated") await context.log(`evaluation ${evaluation.status}: ${evaluation.reason}`)

    progress.report("write", 0)
    t = process.hrtime.bigint()
    const saved = await writeModelVersion(
      knex,
      { model, productIds: data.productIds, categoryIds: data.categoryIds, counts: data.counts },
      { onProgress: (written, total) => progress.report("write", total ? written / total : 1) }
    )
    timings.write = since(t)
    timings.total = since(startedAt)

    await progress.flush()
    await finishRun(knex, context.jobId, { modelVersionId: saved.id, timings, counts: data.counts, evaluation })
    return { runId, modelVersionId: saved.id, version: saved.version, counts: data.counts, timings, evaluation: evaluation.status }
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught))
    await progress.flush()
    await failRun(knex, context.jobId, error.message, false).catch(() => undefined)
    throw error
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000
