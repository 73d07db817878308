import { model } from "@medusajs/framework/utils"

export const TUNE_RUN_STATUSES = ["queued", "running", "succeeded", "failed"] as const

/**
 * One auto-tune: a search of the blend weights and diversity on the store's history, run by the
 * training queue. `result` holds the proposal with the current and proposed figures (or why there
 * was none); `accepted_at` is set once the merchant applied it.
 */
export const TuneRun = model
  .define(
    { name: "TuneRun", tableName: "recommendation_tune_run" },
    {
      id: model.id({ prefix: "rectune" }).primaryKey(),
      status: model.enum([...TUNE_RUN_STATUSES]).default("queued"),
      /** The queue's job id: the queue's events find their run by it. */
      job_id: model.text().nullable(),
      attempt: model.number().default(0),
      /** 0..1 */
      progress: model.float().default(0),
      stage: model.text().nullable(),
      started_at: model.dateTime().nullable(),
      finished_at: model.dateTime().nullable(),
      /** The proposal (see training/tune.ts TuneOutcome). */
      result: model.json().nullable(),
      error: model.text().nullable(),
      accepted_at: model.dateTime().nullable(),
    }
  )
  .indexes([
    { on: ["status"], where: null },
    { on: ["job_id"], unique: true, where: null },
  ])
