/**
 * The row a queue job keeps in its table (training runs, tune runs), written through a plain
 * knex and keyed by the job's id: the server that enqueues the job, the training process that
 * runs it and the worker that hears it fail all write the same row without sharing memory.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { entityId } from "./entity-id"

export function jobRows(table: string, idPrefix: string) {
  const newId = () => entityId(idPrefix)
  return {
    /** A job requested (not joined to a pending one): `queued`, unless it already started. */
    async recordQueued(knex: Knex, jobId: string, columns: Record<string, unknown> = {}): Promise<void> {
      await knex(table).insert({ id: newId(), job_id: jobId, ...columns, status: "queued" }).onConflict("job_id").ignore()
    },

    /**
     * The job's attempt has started: the row is `running` (created here for jobs nobody
     * recorded, such as the schedule's). Returns the row's id.
     */
    async start(knex: Knex, jobId: string, attempt: number, columns: Record<string, unknown> = {}): Promise<string> {
      const started = { status: "running", attempt, progress: 0, stage: null, error: null, started_at: knex.fn.now(), finished_at: null }
      const [row] = await knex(table)
        .insert({ id: newId(), job_id: jobId, ...columns, ...started })
        .onConflict("job_id")
        .merge({ ...started, updated_at: knex.fn.now() })
        .returning("id")
      return row.id
    },

    async progress(knex: Knex, jobId: string, progress: number, stage: string): Promise<void> {
      await knex(table)
        .where({ job_id: jobId, status: "running" })
        .update({ progress: Math.min(1, Math.max(0, progress)), stage, updated_at: knex.fn.now() })
    },

    /** Succeeded, with the job's own result columns. */
    async finish(knex: Knex, jobId: string, columns: Record<string, unknown>): Promise<void> {
      await knex(table)
        .where({ job_id: jobId })
        .update({ status: "succeeded", progress: 1, stage: "done", finished_at: knex.fn.now(), updated_at: knex.fn.now(), ...columns })
    },

    /**
     * An attempt failed: `failed` with the error, or back to `queued` (error kept) when the queue
     * retries it. A job that already succeeded is left alone.
     */
    async fail(knex: Knex, jobId: string, error: string, willRetry: boolean): Promise<void> {
      await knex(table)
        .where({ job_id: jobId })
        .whereNot({ status: "succeeded" })
        .update({ status: willRetry ? "queued" : "failed", error, finished_at: willRetry ? null : knex.fn.now(), updated_at: knex.fn.now() })
    },
  }
}
