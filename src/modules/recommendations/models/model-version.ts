import { model } from "@medusajs/framework/utils"

export const MODEL_VERSION_STATUSES = ["building", "ready", "failed", "superseded"] as const

/**
 * One trained model. Written as `building` with all its artifacts (ModelArtifact), then made
 * current in one transaction (the previous current one becomes `superseded`). At most one row
 * is current: a unique index on is_current over the rows where it is true.
 */
export const ModelVersion = model
  .define(
    { name: "ModelVersion", tableName: "recommendation_model_version" },
    {
      id: model.id({ prefix: "recmv" }).primaryKey(),
      version: model.autoincrement(),
      status: model.enum([...MODEL_VERSION_STATUSES]).default("building"),
      is_current: model.boolean().default(false),
      trained_until: model.dateTime().nullable(),
      /** { orders, lines, products, customers } the model was trained on. */
      counts: model.json<Record<string, number>>(),
      /** What the artifacts hold: scalars, and per array its type, length and chunks (utils/model-artifacts.ts). */
      manifest: model.json().nullable(),
    }
  )
  .indexes([
    { on: ["version"], unique: true, where: null },
    { name: "IDX_recommendation_model_version_current", on: ["is_current"], unique: true, where: "is_current = true" },
  ])
