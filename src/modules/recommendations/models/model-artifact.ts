import { model } from "@medusajs/framework/utils"

/**
 * The bytes of a model version: each typed array (and each string list, as UTF-8 JSON) of the
 * trained model, base64 in chunks of a few MB, so loading a version is one read per array.
 * Medusa's DML has no binary column type (2.21), hence text holding base64.
 */
export const ModelArtifact = model
  .define(
    { name: "ModelArtifact", tableName: "recommendation_model_artifact" },
    {
      id: model.id({ prefix: "recart" }).primaryKey(),
      model_version_id: model.text(),
      /** Path of the array in the serialised model, e.g. "model.cooccurrence.ids". */
      name: model.text(),
      chunk: model.number(),
      /** Base64 of the chunk's bytes. */
      data: model.text(),
    }
  )
  .indexes([
    // Named: the generated name would pass Postgres' 63-character limit.
    { name: "IDX_recommendation_model_artifact_chunk_unique", on: ["model_version_id", "name", "chunk"], unique: true, where: null },
  ])
