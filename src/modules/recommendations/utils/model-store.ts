/**
 * Model versions in Postgres through a plain knex (the module's connection, or one a separate
 * training process opens on the same database): write a complete version, make it current in one
 * transaction, load the current one with one query per array, drop old versions' bytes.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LoadedModel, ModelCounts, SavedModelVersion, SaveModelVersionInput } from "../types"
import { decodeModelBundle, encodeModelBundle, type ArtifactManifest } from "./model-artifacts"
import { entityId } from "./entity-id"

export const VERSION_TABLE = "recommendation_model_version"
export const ARTIFACT_TABLE = "recommendation_model_artifact"

/** Serialises makeCurrent across processes (pg_advisory_xact_lock key). */
const CURRENT_LOCK = 0x7265_6373 // "recs"
/** Rows per INSERT are cut at about this many characters of base64. */
const INSERT_BATCH_CHARS = 16 * 1024 * 1024
/** Superseded versions that keep their artifacts (to fall back to); older ones lose them. */
export const KEEP_SUPERSEDED = 2

export interface WriteOptions {
  chunkBytes?: number
  /** Called as each batch of chunks is written: bytes written so far, of total. */
  onProgress?: (written: number, total: number) => void
}

/**
 * Writes the version as `building` with all its artifacts, then makes it current. A failure on
 * the way marks it `failed` and removes its artifacts; the previous current version keeps serving.
 */
export async function writeModelVersion(
  knex: Knex,
  input: SaveModelVersionInput,
  options: WriteOptions = {}
): Promise<SavedModelVersion> {
  const { model, productIds, categoryIds = [], counts } = input
  const { manifest, chunks } = encodeModelBundle({ model, productIds, categoryIds }, { chunkBytes: options.chunkBytes })
  const trainedUntil = toDate(input.trainedUntil ?? model.trainedUntil)
  const id = entityId("recmv")
  const [row] = await knex(VERSION_TABLE)
    .insert({
      id,
      status: "building",
      is_current: false,
      trained_until: trainedUntil,
      counts: JSON.stringify(counts),
      manifest: JSON.stringify(manifest),
    })
    .returning(["id", "version"])
  try {
    const total = manifest.artifacts.reduce((sum, a) => sum + a.bytes, 0)
    let written = 0
    let batch: Record<string, unknown>[] = []
    let chars = 0
    const flush = async () => {
      if (!batch.length) return
      await knex(ARTIFACT_TABLE).insert(batch)
      batch = []
      chars = 0
      options.onProgress?.(written, total)
    }
    for (const chunk of chunks()) {
      batch.push({ id: entityId("recart"), model_version_id: id, name: chunk.name, chunk: chunk.chunk, data: chunk.data })
      chars += chunk.data.length
      written += Math.floor((chunk.data.length * 3) / 4)
      if (chars >= INSERT_BATCH_CHARS) await flush()
    }
    written = total
    await flush()
    await makeCurrent(knex, id)
  } catch (error) {
    await knex(VERSION_TABLE).where({ id }).update({ status: "failed", updated_at: knex.fn.now() }).catch(() => {})
    await knex(ARTIFACT_TABLE).where({ model_version_id: id }).delete().catch(() => {})
    throw error
  }
  await pruneModelVersions(knex).catch(() => {})
  return { id, version: Number(row.version) }
}

/**
 * In one transaction: the current version becomes `superseded`, this one `ready` and current.
 * An advisory lock orders concurrent calls (the last one to commit is current), and the unique
 * index over `is_current = true` makes two current versions impossible.
 */
export async function makeCurrent(knex: Knex, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw("SELECT pg_advisory_xact_lock(?)", [CURRENT_LOCK])
    const target = await trx(VERSION_TABLE).where({ id }).whereNull("deleted_at").first(["status"])
    if (!target) throw new Error(`Model version ${id} does not exist`)
    if (target.status === "failed") throw new Error(`Model version ${id} failed and cannot be made current`)
    await trx(VERSION_TABLE)
      .where({ is_current: true })
      .whereNot({ id })
      .update({ is_current: false, status: "superseded", updated_at: trx.fn.now() })
    await trx(VERSION_TABLE).where({ id }).update({ is_current: true, status: "ready", updated_at: trx.fn.now() })
  })
}

/** The current version, its arrays read with one query each; null when none was trained yet. */
export async function readCurrentModel(knex: Knex): Promise<LoadedModel | null> {
  const row = await knex(VERSION_TABLE)
    .where({ is_current: true })
    .whereNull("deleted_at")
    .first(["id", "version", "manifest", "counts", "trained_until"])
  if (!row) return null
  const bundle = await decodeModelBundle(row.manifest as ArtifactManifest, async (entry) => {
    const rows = await knex(ARTIFACT_TABLE)
      .where({ model_version_id: row.id, name: entry.name })
      .orderBy("chunk")
      .select("data")
    return rows.map((r: { data: string }) => r.data)
  })
  return {
    id: row.id,
    version: Number(row.version),
    model: bundle.model,
    productIds: bundle.productIds,
    categoryIds: bundle.categoryIds,
    counts: row.counts as ModelCounts,
    trainedUntil: row.trained_until ? new Date(row.trained_until) : null,
  }
}

/**
 * Frees the bytes of versions nobody will load: failed ones, builds abandoned for a day (their
 * process died), and superseded ones beyond the newest KEEP_SUPERSEDED. Version rows stay as history.
 */
export async function pruneModelVersions(knex: Knex, keep = KEEP_SUPERSEDED): Promise<number> {
  await knex(VERSION_TABLE)
    .where({ status: "building" })
    .where("created_at", "<", knex.raw("now() - interval '1 day'"))
    .update({ status: "failed", updated_at: knex.fn.now() })
  const kept = knex(VERSION_TABLE).where({ status: "superseded" }).orderBy("version", "desc").limit(keep).select("id")
  const stale = knex(VERSION_TABLE)
    .where((q) => q.where({ status: "failed" }).orWhere((s) => s.where({ status: "superseded" }).whereNotIn("id", kept)))
    .select("id")
  return await knex(ARTIFACT_TABLE).whereIn("model_version_id", stale).delete()
}

function toDate(value: Date | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isFinite(date.getTime()) ? date : null
}
