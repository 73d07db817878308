/**
 * Trains every model a request reads, from parsed orders and the catalogue's text: the co-purchase
 * and content neighbour lists and trending (overall and per category).
 */
import { contentNeighbours } from "./content"
import { cooccurrence } from "./cooccurrence"
import { newestTime } from "./csr"
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

export type Stage = "cooccurrence" | "content" | "trending"

export function train(
  input: TrainingInput,
  params: TrainingParams = TRAINING_DEFAULTS,
  onStage: (stage: Stage, done: number) => void = () => {}
): Model {
  const { orders } = input
  const now = input.now ?? newestTime(orders)
  onStage("cooccurrence", 0)
  const co = cooccurrence(orders, params.cooccurrence)
  onStage("content", 0.6)
  const { terms, vocabulary } = tfidf(input.documents, params.content)
  const content = contentNeighbours(terms, params.content)
  onStage("trending", 0.9)
  const trend = trending(orders, now, params.trending, input.views)
  const orderCount = new Uint32Array(orders.nItems)
  for (let l = 0; l < orders.items.length; l++) orderCount[orders.items[l]]++
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
  }
}
