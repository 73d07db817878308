/** Training runs' rows (job-rows.ts), keyed by the queue's job id. */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { TrainingTrigger } from "../../../queue/types"
import { jobRows } from "./job-rows"

export const RUN_TABLE = "recommendation_training_run"
const runs = jobRows(RUN_TABLE, "recrun")

export const recordQueuedRun = (knex: Knex, jobId: string, trigger: TrainingTrigger) => runs.recordQueued(knex, jobId, { trigger })
export const startRun = (knex: Knex, jobId: string, trigger: TrainingTrigger, attempt: number) => runs.start(knex, jobId, attempt, { trigger })
export const updateRunProgress = runs.progress
export const failRun = runs.fail

export type RunOutcome = {
  modelVersionId: string
  timings: Record<string, number>
  counts: Record<string, number>
  evaluation?: unknown
}

export function finishRun(knex: Knex, jobId: string, outcome: RunOutcome): Promise<void> {
  return runs.finish(knex, jobId, {
    model_version_id: outcome.modelVersionId,
    timings: JSON.stringify(outcome.timings),
    counts: JSON.stringify(outcome.counts),
    evaluation: outcome.evaluation === undefined ? null : JSON.stringify(outcome.evaluation),
  })
}
