/** Auto-tune runs' rows (job-rows.ts), keyed by the queue's job id like training runs. */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { jobRows } from "./job-rows"

export const TUNE_RUN_TABLE = "recommendation_tune_run"
const tunes = jobRows(TUNE_RUN_TABLE, "rectune")

export const recordQueuedTune = (knex: Knex, jobId: string) => tunes.recordQueued(knex, jobId)
export const startTune = (knex: Knex, jobId: string, attempt: number) => tunes.start(knex, jobId, attempt)
export const updateTuneProgress = tunes.progress
export const failTune = tunes.fail
export const finishTune = (knex: Knex, jobId: string, result: unknown) => tunes.finish(knex, jobId, { result: JSON.stringify(result) })
