import { model } from "@medusajs/framework/utils"

export const TRAINING_RUN_STATUSES = ["queued", "running", "succeeded", "failed"] as const
export const TRAINING_TRIGGERS = ["order", "schedule", "manual", "backfill", "catalog"] as const

/** One training job: what started it, how far it is, what it took and produced, why it failed. */
export const TrainingRun = model
  .define(
    { name: "TrainingRun", tableName: "recommendation_training_run" },
    {
      id: model.id({ prefix: "recrun" }).primaryKey(),
      status: model.enum([...TRAINING_RUN_STATUSES]).default("queued"),
      /** The queue's job id: the queue's events (started, progress, failed) find their run by it. */
      job_id: model.text().nullable(),
      /** 1 for the first attempt; a retried job updates the same run. */
      attempt: model.number().default(0),
      trigger: model.enum([...TRAINING_TRIGGERS]),
      /** 0..1 */
      progress: model.float().default(0),
      stage: model.text().nullable(),
      started_at: model.dateTime().nullable(),
      finished_at: model.dateTime().nullable(),
      /** Seconds per stage. */
      timings: model.json<Record<string, number>>().nullable(),
      counts: model.json<Record<string, number>>().nullable(),
      /** The offline evaluation figures of this run. */
      evaluation: model.json().nullable(),
      error: model.text().nullable(),
      model_version_id: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["status"], where: null },
    { on: ["job_id"], unique: true, where: null },
  ])
