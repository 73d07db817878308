/**
 * A trained model to and from rows of a few MB each, without a database: every typed array is
 * stored as its raw little-endian bytes, every list of strings as UTF-8 JSON, both cut into
 * chunks of `chunkBytes` and base64-encoded (Medusa's DML has no binary column type); everything
 * else (counts, scalars, nested objects) goes into a small JSON manifest where each array is
 * replaced by a reference to its artifact. Loading a model is then one read per array, decoded
 * straight into a typed array of the right length.
 *
 * The walk is generic, so a field added to the engine's Model (another typed array) is stored
 * without a change here.
 */
import { endianness } from "os"
import type { Model } from "../../../engine/types"

export const ARTIFACT_FORMAT = 1
/** 3 MiB of bytes = exactly 4 MiB of base64 per row. */
export const DEFAULT_CHUNK_BYTES = 3 * 1024 * 1024

const TYPED_ARRAYS = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const
export type TypedArrayName = keyof typeof TYPED_ARRAYS
export type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>

export type ArtifactEntry = {
  /** Path of the value in the payload, e.g. "model.cooccurrence.ids". */
  name: string
  /** Elements (typed) or strings (strings). */
  length: number
  bytes: number
  chunks: number
} & ({ kind: "typed"; dtype: TypedArrayName } | { kind: "strings" })

export interface ArtifactManifest {
  format: typeof ARTIFACT_FORMAT
  endianness: "LE"
  chunkBytes: number
  /** The payload with every array replaced by { $artifact: name }. */
  tree: unknown
  artifacts: ArtifactEntry[]
}

export interface ArtifactChunk {
  name: string
  chunk: number
  /** Base64 of the chunk's bytes. */
  data: string
}

/** What a model version stores: the engine's model and the Medusa ids behind its indices. */
export interface ModelBundle {
  model: Model
  /** Item index -> product id (length model.nItems). */
  productIds: string[]
  /** Category index -> category id, for model.categoryTrending's rows. */
  categoryIds: string[]
}

function assertLittleEndian() {
  if (endianness() !== "LE") throw new Error("Model artifacts are little-endian; this machine is big-endian")
}

function typedArrayName(value: unknown): TypedArrayName | undefined {
  if (!ArrayBuffer.isView(value)) return undefined
  const name = value.constructor.name as TypedArrayName
  return name in TYPED_ARRAYS ? name : undefined
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")

/**
 * Plans the artifacts of `payload`: the manifest (small, JSON) and a generator of its chunks, made
 * one at a time as they are consumed so at most one chunk's base64 is alive beyond the payload.
 */
export function encodeArtifacts(
  payload: object,
  options: { chunkBytes?: number } = {}
): { manifest: ArtifactManifest; chunks: () => Generator<ArtifactChunk> } {
  assertLittleEndian()
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0) throw new Error(`chunkBytes must be a positive integer, got ${chunkBytes}`)
  const artifacts: ArtifactEntry[] = []
  const sources = new Map<string, Uint8Array>()
  const seen = new Set<object>()

  const walk = (value: unknown, path: string): unknown => {
    const dtype = typedArrayName(value)
    if (dtype) {
      const array = value as TypedArray
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
      artifacts.push({ name: path, kind: "typed", dtype, length: array.length, bytes: bytes.length, chunks: Math.ceil(bytes.length / chunkBytes) })
      sources.set(path, bytes)
      return { $artifact: path }
    }
    if (ArrayBuffer.isView(value)) throw new Error(`${path}: ${value.constructor.name} cannot be stored`)
    if (isStringArray(value)) {
      const bytes = Buffer.from(JSON.stringify(value), "utf8")
      artifacts.push({ name: path, kind: "strings", length: value.length, bytes: bytes.length, chunks: Math.ceil(bytes.length / chunkBytes) })
      sources.set(path, bytes)
      return { $artifact: path }
    }
    if (typeof value === "number" && !Number.isFinite(value)) return { $number: String(value) }
    if (value === null || typeof value !== "object") return value
    if (seen.has(value)) throw new Error(`${path}: the same object is reachable twice`)
    seen.add(value)
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`))
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith("$")) throw new Error(`${path}.${key}: keys starting with "$" are reserved`)
      if (v !== undefined) out[key] = walk(v, path ? `${path}.${key}` : key)
    }
    return out
  }

  const tree = walk(payload, "")
  const manifest: ArtifactManifest = { format: ARTIFACT_FORMAT, endianness: "LE", chunkBytes, tree, artifacts }
  function* chunks(): Generator<ArtifactChunk> {
    for (const entry of artifacts) {
      const bytes = sources.get(entry.name)!
      for (let c = 0; c < entry.chunks; c++) {
        const start = c * chunkBytes
        const end = Math.min(start + chunkBytes, bytes.length)
        const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("base64")
        yield { name: entry.name, chunk: c, data }
      }
    }
  }
  return { manifest, chunks }
}

/** One artifact back from its chunks' base64, in chunk order. */
export function decodeArtifact(entry: ArtifactEntry, chunks: readonly string[]): TypedArray | string[] {
  assertLittleEndian()
  if (chunks.length !== entry.chunks) throw new Error(`${entry.name}: ${chunks.length} chunks stored, ${entry.chunks} expected`)
  const bytes =
    entry.kind === "typed"
      ? new TYPED_ARRAYS[entry.dtype](entry.length)
      : new Uint8Array(entry.bytes)
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.length !== entry.bytes) throw new Error(`${entry.name}: ${entry.length} ${entry.kind === "typed" ? entry.dtype : ""} elements are not ${entry.bytes} bytes`)
  // Each chunk is decoded straight into the array: no second copy of the model in memory.
  const target = Buffer.from(view.buffer, view.byteOffset, view.length)
  let offset = 0
  for (const data of chunks) {
    const length = Buffer.byteLength(data, "base64")
    if (offset + length > view.length) throw new Error(`${entry.name}: more bytes stored than the ${entry.bytes} expected`)
    offset += target.write(data, offset, length, "base64")
  }
  if (offset !== entry.bytes) throw new Error(`${entry.name}: ${offset} bytes stored, ${entry.bytes} expected`)
  if (entry.kind === "typed") return bytes as TypedArray
  const strings = JSON.parse(Buffer.from(view.buffer, view.byteOffset, view.length).toString("utf8"))
  if (!Array.isArray(strings) || strings.length !== entry.length) throw new Error(`${entry.name}: not a list of ${entry.length} strings`)
  return strings
}

/**
 * The payload back from its manifest, reading each artifact's chunks (in chunk order) through
 * `read`: one call per artifact, so a store answers each with one query.
 */
export async function decodeArtifacts<T = unknown>(
  manifest: ArtifactManifest,
  read: (entry: ArtifactEntry) => Promise<readonly string[]> | readonly string[]
): Promise<T> {
  if (manifest?.format !== ARTIFACT_FORMAT) throw new Error(`Unknown model artifact format ${manifest?.format}`)
  if (manifest.endianness !== "LE") throw new Error(`Unknown byte order ${manifest.endianness}`)
  const values = new Map<string, TypedArray | string[]>()
  for (const entry of manifest.artifacts) values.set(entry.name, decodeArtifact(entry, await read(entry)))
  const rebuild = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node
    if (Array.isArray(node)) return node.map(rebuild)
    const record = node as Record<string, unknown>
    if (typeof record.$artifact === "string") {
      const value = values.get(record.$artifact)
      if (!value) throw new Error(`${record.$artifact}: no such artifact in the manifest`)
      return value
    }
    if (typeof record.$number === "string") return Number(record.$number)
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(record)) out[key] = rebuild(v)
    return out
  }
  return rebuild(manifest.tree) as T
}

/** A ModelBundle's manifest and chunks, after checking its ids line up with the model. */
export function encodeModelBundle(bundle: ModelBundle, options: { chunkBytes?: number } = {}) {
  const { model, productIds, categoryIds } = bundle
  if (productIds.length !== model.nItems) {
    throw new Error(`productIds has ${productIds.length} ids for a model of ${model.nItems} items`)
  }
  const categoryRows = model.categoryTrending.offsets.length - 1
  if (categoryRows > 0 && categoryIds.length !== categoryRows) {
    throw new Error(`categoryIds has ${categoryIds.length} ids for ${categoryRows} category rows`)
  }
  // Empty string lists are kept in the tree (not artifacts): an empty array round-trips as JSON.
  return encodeArtifacts({ model, productIds, categoryIds }, options)
}

export async function decodeModelBundle(
  manifest: ArtifactManifest,
  read: (entry: ArtifactEntry) => Promise<readonly string[]> | readonly string[]
): Promise<ModelBundle> {
  const bundle = await decodeArtifacts<ModelBundle>(manifest, read)
  if (!bundle?.model || !Array.isArray(bundle.productIds)) throw new Error("The manifest does not describe a model bundle")
  bundle.categoryIds ??= []
  return bundle
}
