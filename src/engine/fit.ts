/**
 * Fits every model a request reads, from parsed orders and the catalogue's text: the co-purchase
 * and content neighbour lists and trending (overall and per category). train.ts adds the shop's
 * prior scale on top.
 */
import { contentNeighbours } from "./content"
import { newestTime } from "./csr"
import { startCooccurrence } from "./parallel"
import { COOCCURRENCE, CONTENT, TRENDING } from "./params"
import { tfidf } from "./tfidf"
import { byCategory, rankByScore, trending, type Views } from "./trending"
import type { Csr, Model, Orders, ProductDocument } from "./types"

export interface TrainingInput {
  orders: Orders
  /** Per item (length orders.nItems): the text the content model reads. */
  documents: ProductDocument[]
  /** item -> category indices, and how many categories exist. */
  categories: Csr
  nCategories: number
  views?: Views
  /** Reference time (ms) for decay; the newest order when absent. */
  now?: number
}

export interface TrainingParams {
  cooccurrence: typeof COOCCURRENCE
  content: typeof CONTENT
  trending: typeof TRENDING
}

export const TRAINING_DEFAULTS: TrainingParams = { cooccurrence: COOCCURRENCE, content: CONTENT, trending: TRENDING }

export type Stage = "cooccurrence" | "content" | "trending" | "calibration"

/**
 * Co-purchase rows start on a worker thread (`threads` in all, default two) while this thread
 * builds the content model, then this thread takes its share of the rows that are left, so
 * training uses both cores of a small server. `onStage` hears each model as it finishes, with
 * the wall seconds since training started (co-purchase and content overlap).
 */
export async function fitModels(
  input: TrainingInput,
  params: TrainingParams = TRAINING_DEFAULTS,
  options: { threads?: number; onStage?: (stage: Stage, seconds: number) => void } = {}
): Promise<Model> {
  const { orders } = input
  const onStage = options.onStage ?? (() => {})
  const now = input.now ?? newestTime(orders)
  const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9
  const started = process.hrtime.bigint()
  const job = startCooccurrence(orders, params.cooccurrence, now, options.threads)
  const { terms, vocabulary } = tfidf(input.documents, params.content)
  const content = contentNeighbours(terms, params.content)
  onStage("content", since(started))
  const co = await job.finish()
  onStage("cooccurrence", since(started))
  const trendStarted = process.hrtime.bigint()
  const trend = trending(orders, now, params.trending, input.views)
  const orderCount = new Uint32Array(orders.nItems)
  for (let l = 0; l < orders.items.length; l++) orderCount[orders.items[l]]++
  onStage("trending", since(trendStarted))
  return {
    nItems: orders.nItems,
    trainedUntil: now,
    cooccurrence: co,
    content,
    terms,
    vocabulary,
    trending: trend,
    trendingOrder: rankByScore(trend),
    categoryTrending: byCategory(trend, input.categories, input.nCategories),
    orderCount,
    priorScale: { seeded: 1, personal: 1 },
  }
}
