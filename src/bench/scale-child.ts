/**
 * One size of the training scale benchmark, in its own process so its peak RSS is its own:
 * reads the source orders the parent wrote (raw typed arrays, so the child never parses CSV),
 * generates the synthetic history, builds simple product documents, trains every model and sends
 * the timings back over IPC. Started by benchScale (training.ts) with child_process.fork.
 *
 * Documents: a synthetic product's title is its template's Online Retail title plus one word drawn
 * from Online Retail's title vocabulary (by frequency), so clones of a template are near-duplicates
 * rather than identical texts. No categories or tags: Online Retail has none.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs"
import { join } from "path"
import { cooccurrence } from "../engine/cooccurrence"
import { startCooccurrence } from "../engine/parallel"
import { train, TRAINING_DEFAULTS, type Stage } from "../engine/train"
import type { Orders, ProductDocument } from "../engine/types"
import { wordSampler } from "./content"
import { mulberry32, profileOrders, synthesizeOrders, type OrdersProfile } from "./synthetic"

export interface ScaleJob {
  sourceDir: string
  lines: number
  items: number
  seed: number
}

export interface ScaleResult {
  lines: number
  items: number
  profile: OrdersProfile
  generateSeconds: number
  documentsSeconds: number
  trainSeconds: number
  /** Co-purchase alone on its worker threads, timed after training. */
  cooccurrenceSeconds: number
  /** Wall seconds of each model, from train()'s onStage (co-purchase and content overlap). */
  stages: Partial<Record<Stage, number>>
  cooccurrencePerItem: number
  contentPerItem: number
  /**
   * Share of synthetic products' top-10 co-purchase neighbours whose template is the product's own
   * template or among its template's top-100 co-purchase neighbours in the source; `chance` is
   * the same share for random templates. High against chance: the lists carry the source's signal.
   */
  structure: { share: number; chance: number }
  /** process.resourceUsage().maxRSS, KB. */
  maxRssKb: number
}

const ARRAYS = ["offsets", "items", "quantities", "time", "customer"] as const

/** Writes orders (raw typed arrays) and product titles for a child to read back. */
export function writeSource(dir: string, orders: Orders, titles: string[]): void {
  mkdirSync(dir, { recursive: true })
  for (const key of ARRAYS) {
    const a = orders[key]
    writeFileSync(join(dir, `${key}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
  }
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ nItems: orders.nItems, nCustomers: orders.nCustomers, titles }))
}

export function readSource(dir: string): { orders: Orders; titles: string[] } {
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as { nItems: number; nCustomers: number; titles: string[] }
  const bytes = (key: string) => {
    const b = readFileSync(join(dir, `${key}.bin`))
    // A fresh, aligned buffer per array (Buffer slices may share an unaligned pool).
    return new Uint8Array(b).buffer
  }
  const orders: Orders = {
    nItems: meta.nItems,
    nCustomers: meta.nCustomers,
    offsets: new Uint32Array(bytes("offsets")),
    items: new Uint32Array(bytes("items")),
    quantities: new Float32Array(bytes("quantities")),
    time: new Float64Array(bytes("time")),
    customer: new Int32Array(bytes("customer")),
  }
  return { orders, titles: meta.titles }
}

/** Template title plus one frequency-drawn word of the source vocabulary, per synthetic product. */
export function syntheticDocuments(template: Uint32Array, titles: string[], seed: number): ProductDocument[] {
  const random = mulberry32(seed)
  const sample = wordSampler(titles)
  const docs: ProductDocument[] = new Array(template.length)
  for (let i = 0; i < template.length; i++) docs[i] = { title: `${titles[template[i]] ?? ""} ${sample(random)}` }
  return docs
}

function structure(source: Orders, synthetic: Orders, template: Uint32Array, co: { offsets: Uint32Array; ids: Uint32Array }, seed: number) {
  const reference = cooccurrence(source)
  const related = (a: number, b: number) => {
    if (a === b) return true
    for (let p = reference.offsets[a]; p < reference.offsets[a + 1]; p++) if (reference.ids[p] === b) return true
    return false
  }
  const random = mulberry32(seed)
  let hits = 0
  let chance = 0
  let total = 0
  for (let i = 0; i < synthetic.nItems; i++) {
    for (let p = co.offsets[i]; p < Math.min(co.offsets[i + 1], co.offsets[i] + 10); p++) {
      total++
      if (related(template[i], template[co.ids[p]])) hits++
      if (related(template[i], template[Math.floor(random() * synthetic.nItems)])) chance++
    }
  }
  return { share: total ? hits / total : 0, chance: total ? chance / total : 0 }
}

export async function runScaleJob(job: ScaleJob): Promise<ScaleResult> {
  const { orders: source, titles } = readSource(job.sourceDir)
  const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9

  let started = process.hrtime.bigint()
  const orders = synthesizeOrders(source, { lines: job.lines, items: job.items, seed: job.seed })
  const generateSeconds = seconds(started)

  started = process.hrtime.bigint()
  const documents = syntheticDocuments(orders.template, titles, job.seed + 1)
  const categories = { offsets: new Uint32Array(job.items + 1), ids: new Uint32Array(0), values: new Float32Array(0) }
  const documentsSeconds = seconds(started)

  const stages: Partial<Record<Stage, number>> = {}
  started = process.hrtime.bigint()
  const model = await train({ orders, documents, categories, nCategories: 0 }, undefined, { onStage: (stage, s) => (stages[stage] = s) })
  const trainSeconds = seconds(started)
  const maxRssKb = process.resourceUsage().maxRSS
  // Co-purchase alone, after the RSS reading: within train() it shares the threads with the
  // content model, so that wall time says nothing about co-purchase's growth.
  started = process.hrtime.bigint()
  await startCooccurrence(orders, TRAINING_DEFAULTS.cooccurrence, model.trainedUntil).finish()
  const cooccurrenceSeconds = seconds(started)

  return {
    lines: orders.items.length,
    items: job.items,
    profile: profileOrders(orders),
    generateSeconds,
    documentsSeconds,
    trainSeconds,
    stages,
    cooccurrenceSeconds,
    cooccurrencePerItem: model.cooccurrence.ids.length / job.items,
    contentPerItem: model.content.ids.length / job.items,
    structure: structure(source, orders, orders.template, model.cooccurrence, job.seed + 2),
    maxRssKb,
  }
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2]) as ScaleJob
  runScaleJob(job).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      if (process.send) process.send({ ok: false, error: text }, () => process.exit(1))
      else {
        process.stderr.write(text + "\n")
        process.exit(1)
      }
    }
  )
}
