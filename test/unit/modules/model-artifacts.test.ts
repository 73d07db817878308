import {
  DEFAULT_CHUNK_BYTES,
  decodeArtifact,
  decodeModelBundle,
  encodeArtifacts,
  encodeModelBundle,
  type ArtifactChunk,
  type ArtifactEntry,
  type ArtifactManifest,
  type ModelBundle,
} from "../../../src/modules/recommendations/utils/model-artifacts"
import { mergeSurfaceSettings } from "../../../src/modules/recommendations/utils/settings"
import { SURFACE_DEFAULTS } from "../../../src/engine/params"
import type { Model } from "../../../src/engine/types"
import { ITEMS, modelOf } from "../engine/fixture"

const bundleOf = (model: Model = modelOf()): ModelBundle => ({
  model,
  productIds: Array.from({ length: model.nItems }, (_, i) => `prod_${i}`),
  categoryIds: Array.from({ length: model.categoryTrending.offsets.length - 1 }, (_, c) => `pcat_${c}`),
})

/** What a database does: stores the manifest as JSON and the chunks as rows, answers per artifact. */
function store(manifest: ArtifactManifest, chunks: Iterable<ArtifactChunk>) {
  const rows = [...chunks]
  const saved = JSON.parse(JSON.stringify(manifest)) as ArtifactManifest
  const reads: string[] = []
  const read = (entry: ArtifactEntry) => {
    reads.push(entry.name)
    return rows.filter((r) => r.name === entry.name).sort((a, b) => a.chunk - b.chunk).map((r) => r.data)
  }
  return { rows, saved, read, reads }
}

function expectSameModel(actual: Model, expected: Model) {
  const walk = (a: unknown, e: unknown, path: string) => {
    if (ArrayBuffer.isView(e)) {
      expect([path, a?.constructor.name]).toEqual([path, e.constructor.name])
      expect(Array.from(a as ArrayLike<number>)).toEqual(Array.from(e as unknown as ArrayLike<number>))
    } else if (e !== null && typeof e === "object") {
      expect(Object.keys(a as object).sort()).toEqual(Object.keys(e).sort())
      for (const k of Object.keys(e)) walk((a as any)[k], (e as any)[k], `${path}.${k}`)
    } else expect([path, a]).toEqual([path, e])
  }
  walk(actual, expected, "model")
}

describe("model artifacts", () => {
  it("round-trips a model, its typed arrays keeping their types, and its ids", async () => {
    const bundle = bundleOf()
    const { manifest, chunks } = encodeModelBundle(bundle)
    const { saved, read, reads } = store(manifest, chunks())
    const back = await decodeModelBundle(saved, read)
    expectSameModel(back.model, bundle.model)
    expect(back.model.cooccurrence.scores).toBeInstanceOf(Float32Array)
    expect(back.model.trendingOrder).toBeInstanceOf(Uint32Array)
    expect(back.productIds).toEqual(bundle.productIds)
    expect(back.categoryIds).toEqual(bundle.categoryIds)
    expect(back.model.vocabulary).toEqual(bundle.model.vocabulary)
    // One read per array or string list, nothing else.
    expect(reads.sort()).toEqual(manifest.artifacts.map((a) => a.name).sort())
    expect(manifest.artifacts.map((a) => a.name)).toEqual(
      expect.arrayContaining(["model.cooccurrence.ids", "model.content.support", "model.terms.values", "model.vocabulary", "productIds", "categoryIds"])
    )
  })

  it("cuts arrays into chunks at any byte boundary and joins them back", async () => {
    const bundle = bundleOf()
    const { manifest, chunks } = encodeModelBundle(bundle, { chunkBytes: 7 })
    const { rows, saved, read } = store(manifest, chunks())
    const ids = manifest.artifacts.find((a) => a.name === "model.cooccurrence.ids")!
    expect(ids.chunks).toBe(Math.ceil((ids.length * 4) / 7))
    expect(ids.chunks).toBeGreaterThan(1)
    expect(rows.every((r) => Buffer.from(r.data, "base64").length <= 7)).toBe(true)
    expectSameModel((await decodeModelBundle(saved, read)).model, bundle.model)
  })

  it("keeps non-finite numbers, empty arrays, unicode and the prior scale", async () => {
    const model = modelOf()
    model.trainedUntil = -Infinity
    model.priorScale = { seeded: 16, personal: 0.25 }
    model.vocabulary = ["café", "naïve", "🧶 yarn", "plain"]
    model.trendingOrder = new Uint32Array(0)
    const bundle = { ...bundleOf(model), categoryIds: bundleOf(model).categoryIds }
    const { manifest, chunks } = encodeModelBundle(bundle, { chunkBytes: 5 })
    const { saved, read } = store(manifest, chunks())
    const back = await decodeModelBundle(saved, read)
    expect(back.model.trainedUntil).toBe(-Infinity)
    expect(back.model.priorScale).toEqual({ seeded: 16, personal: 0.25 })
    expect(back.model.vocabulary).toEqual(model.vocabulary)
    expect(back.model.trendingOrder).toBeInstanceOf(Uint32Array)
    expect(back.model.trendingOrder.length).toBe(0)
    expect(back.model.trending[0]).toBeCloseTo(ITEMS[0].trending!, 6)
  })

  it("stores a typed array that is a view into a larger buffer, only its own bytes", async () => {
    const backing = new Float32Array([9, 9, 1.5, 2.5, 9])
    const { manifest, chunks } = encodeArtifacts({ values: backing.subarray(2, 4), n: 2 })
    const { saved, read } = store(manifest, chunks())
    const entry = manifest.artifacts[0]
    expect(entry).toMatchObject({ name: "values", kind: "typed", dtype: "Float32Array", length: 2, bytes: 8, chunks: 1 })
    const back = decodeArtifact(entry, read(saved.artifacts[0]))
    expect(Array.from(back as Float32Array)).toEqual([1.5, 2.5])
  })

  it("writes rows of at most 4 MiB of base64 by default", () => {
    expect(Math.ceil(DEFAULT_CHUNK_BYTES / 3) * 4).toBe(4 * 1024 * 1024)
    const big = new Float64Array(1_000_000) // 8 MB: three chunks
    big[999_999] = Math.PI
    const { manifest, chunks } = encodeArtifacts({ big })
    const rows = [...chunks()]
    expect(rows.map((r) => r.chunk)).toEqual([0, 1, 2])
    expect(Math.max(...rows.map((r) => r.data.length))).toBeLessThanOrEqual(4 * 1024 * 1024)
    const back = decodeArtifact(manifest.artifacts[0], rows.map((r) => r.data)) as Float64Array
    expect(back[999_999]).toBe(Math.PI)
  })

  it("refuses ids that do not line up with the model", () => {
    const bundle = bundleOf()
    expect(() => encodeModelBundle({ ...bundle, productIds: bundle.productIds.slice(1) })).toThrow(/productIds has 7 ids for a model of 8 items/)
    expect(() => encodeModelBundle({ ...bundle, categoryIds: ["pcat_0"] })).toThrow(/categoryIds/)
  })

  it("refuses missing or extra chunks and unknown formats", async () => {
    const { manifest, chunks } = encodeModelBundle(bundleOf(), { chunkBytes: 8 })
    const { saved, read } = store(manifest, chunks())
    await expect(decodeModelBundle(saved, (e) => read(e).slice(1))).rejects.toThrow(/chunks stored/)
    const entry = saved.artifacts.find((a) => a.kind === "typed" && a.chunks > 1)!
    const tooLong = read(entry).map((d, i) => (i === 0 ? Buffer.alloc(12).toString("base64") : d))
    expect(() => decodeArtifact(entry, tooLong)).toThrow(/more bytes|bytes stored/)
    await expect(decodeModelBundle({ ...saved, format: 2 as 1 }, read)).rejects.toThrow(/format 2/)
  })
})

describe("surface settings", () => {
  it("are the production defaults when nothing is stored, as a copy", () => {
    const settings = mergeSurfaceSettings(SURFACE_DEFAULTS.also_bought, undefined)
    expect(settings).toEqual(SURFACE_DEFAULTS.also_bought)
    settings.weights.trending = 99
    settings.fallbacks.push("content")
    expect(SURFACE_DEFAULTS.also_bought.weights.trending).toBe(1)
    expect(SURFACE_DEFAULTS.also_bought.fallbacks).toHaveLength(4)
  })

  it("take stored values key by key, ignoring unknown keys and wrong types", () => {
    const settings = mergeSurfaceSettings(SURFACE_DEFAULTS.related, {
      weights: { content: 0.5 },
      fallbacks: ["trending"],
      diversity: { maxPerCategory: 3, lambda: "high" as unknown as number },
      limit: Number.NaN,
      unknown: true,
    } as never)
    expect(settings).toEqual({
      ...SURFACE_DEFAULTS.related,
      weights: { ...SURFACE_DEFAULTS.related.weights, content: 0.5 },
      fallbacks: ["trending"],
      diversity: { ...SURFACE_DEFAULTS.related.diversity, maxPerCategory: 3 },
    })
  })
})
