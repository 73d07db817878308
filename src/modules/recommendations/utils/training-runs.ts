/**
 * Training runs through a plain knex, keyed by the queue's job id: the server that enqueues a run,
 * the training process that runs it and the worker that hears it fail all write the same row
 * without sharing memory.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import type { TrainingTrigger } from "../../../queue/types"

export const RUN_TABLE = "recommendation_training_run"

/** A run requested (not joined to a pending one): `queued`, unless its job already started. */
export async function recordQueuedRun(knex: Knex, jobId: string, trigger: TrainingTrigger): Promise<void> {
  await knex(RUN_TABLE)
    .insert({ id: generateEntityId(undefined, "recrun"), job_id: jobId, trigger, status: "queued" })
    .onConflict("job_id")
    .ignore()
}

/**
 * The job's attempt has started: the run is `running` (created here for runs nobody requested
 * through the service, such as the schedule's). Returns the run's id.
 */
export async function startRun(
  knex: Knex,
  jobId: string,
  trigger: TrainingTrigger,
  attempt: number
): Promise<string> {
  const started = { status: "running", attempt, progress: 0, stage: null, error: null, started_at: knex.fn.now(), finished_at: null }
  const [row] = await knex(RUN_TABLE)
    .insert({ id: generateEntityId(undefined, "recrun"), job_id: jobId, trigger, ...started })
    .onConflict("job_id")
    .merge({ ...started, updated_at: knex.fn.now() })
    .returning("id")
  return row.id
}

export async function updateRunProgress(knex: Knex, jobId: string, progress: number, stage: string): Promise<void> {
  await knex(RUN_TABLE)
    .where({ job_id: jobId, status: "running" })
    .update({ progress: Math.min(1, Math.max(0, progress)), stage, updated_at: knex.fn.now() })
}

export type RunOutcome = {
  modelVersionId: string
  timings: Record<string, number>
  counts: Record<string, number>
  evaluation?: unknown
}

export async function finishRun(knex: Knex, jobId: string, outcome: RunOutcome): Promise<void> {
  await knex(RUN_TABLE)
    .where({ job_id: jobId })
    .update({
      status: "succeeded",
      progress: 1,
      stage: "done",
      finished_at: knex.fn.now(),
      updated_at: knex.fn.now(),
      model_version_id: outcome.modelVersionId,
      timings: JSON.stringify(outcome.timings),
      counts: JSON.stringify(outcome.counts),
      evaluation: outcome.evaluation === undefined ? null : JSON.stringify(outcome.evaluation),
    })
}

/**
 * An attempt failed: `failed` with the error, or back to `queued` (error kept) when the queue
 * retries it. A run that already succeeded is left alone.
 */
export async function failRun(knex: Knex, jobId: string, error: string, willRetry: boolean): Promise<void> {
  await knex(RUN_TABLE)
    .where({ job_id: jobId })
    .whereNot({ status: "succeeded" })
    .update({
      status: willRetry ? "queued" : "failed",
      error,
      finished_at: willRetry ? null : knex.fn.now(),
      updated_at: knex.fn.now(),
    })
}
