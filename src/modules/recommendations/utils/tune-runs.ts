/**
 * Auto-tune runs through a plain knex, keyed by the queue's job id, like training runs
 * (training-runs.ts): the server that enqueues a tune, the training process that runs it and the
 * worker that hears it fail all write the same row.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"

export const TUNE_RUN_TABLE = "recommendation_tune_run"

export async function recordQueuedTune(knex: Knex, jobId: string): Promise<void> {
  await knex(TUNE_RUN_TABLE)
    .insert({ id: generateEntityId(undefined, "rectune"), job_id: jobId, status: "queued" })
    .onConflict("job_id")
    .ignore()
}

/** The attempt has started: the run is `running`. Returns the run's id. */
export async function startTune(knex: Knex, jobId: string, attempt: number): Promise<string> {
  const started = { status: "running", attempt, progress: 0, stage: null, error: null, started_at: knex.fn.now(), finished_at: null }
  const [row] = await knex(TUNE_RUN_TABLE)
    .insert({ id: generateEntityId(undefined, "rectune"), job_id: jobId, ...started })
    .onConflict("job_id")
    .merge({ ...started, updated_at: knex.fn.now() })
    .returning("id")
  return row.id
}

export async function updateTuneProgress(knex: Knex, jobId: string, progress: number, stage: string): Promise<void> {
  await knex(TUNE_RUN_TABLE)
    .where({ job_id: jobId, status: "running" })
    .update({ progress: Math.min(1, Math.max(0, progress)), stage, updated_at: knex.fn.now() })
}

export async function finishTune(knex: Knex, jobId: string, result: unknown): Promise<void> {
  await knex(TUNE_RUN_TABLE)
    .where({ job_id: jobId })
    .update({
      status: "succeeded",
      progress: 1,
      stage: "done",
      finished_at: knex.fn.now(),
      updated_at: knex.fn.now(),
      result: JSON.stringify(result),
    })
}

/** An attempt failed: `failed`, or back to `queued` when the queue retries it. */
export async function failTune(knex: Knex, jobId: string, error: string, willRetry: boolean): Promise<void> {
  await knex(TUNE_RUN_TABLE)
    .where({ job_id: jobId })
    .whereNot({ status: "succeeded" })
    .update({
      status: willRetry ? "queued" : "failed",
      error,
      finished_at: willRetry ? null : knex.fn.now(),
      updated_at: knex.fn.now(),
    })
}
