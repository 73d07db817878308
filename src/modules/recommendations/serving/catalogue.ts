/**
 * The serving catalogue: every product a request may seed or show, in the current model's index
 * space. Products the model knows keep its indices; documented products it does not know yet
 * (created since training) follow, so they can still be shown, seed category fallbacks, and be
 * matched by rules. Rebuilt when the model version or the product documents change.
 */
import { setImmediate } from "timers/promises"
import { EXPLORATION, contentSimilarity, createScratch, freshItems, indexCatalog, type Catalog, type IndexedCatalog, type Model, type Scratch } from "../../../engine"
import { byCategory, rankByScore } from "../../../engine/trending"
import type { Csr } from "../../../engine/types"
import type { LoadedModel } from "../types"
import { emptyModel } from "./empty-model"

/** The columns of `recommendation_product_document` serving reads. */
export interface ServingDocument {
  product_id: string
  title: string
  status: string
  sales_channel_ids: string[] | null
  categories: { id: string; name?: string }[] | null
  tags: { id: string; value?: string }[] | null
  collection_id: string | null
  type_id: string | null
  price: number | null
  created_at_source: Date | string
}

export interface ServingCatalogue {
  /** The model version this was built on; 0 before the first training. */
  version: number
  model: Model
  /** Index -> product id. */
  productIds: string[]
  indexOf: Map<string, number>
  titles: string[]
  /** `available` = published (sales channel and stock are applied per request, see ChannelView). */
  catalog: Catalog
  names: IndexedCatalog["names"]
  /** Category index -> its name, for reasons. */
  categoryNames: string[]
  /** Category id -> index, aligned with the model's categoryTrending rows. */
  categoryIndex: Map<string, number>
  /** Per item, the sales channels it is in. */
  channels: string[][]
  /** Published products, newest first: the last fallback, and the whole list before any training. */
  newest: Uint32Array
  /** Category -> its published products newest first. */
  categoryNewest: Csr
  /** Exploration pool: products with little or no training history, newest first. */
  fresh: Uint32Array
  scratch: Scratch
  similarity: (a: number, b: number) => number
}

const toTime = (value: Date | string) => new Date(value).getTime()

/**
 * Built in steps of a few milliseconds each, with pending requests served between them
 * (`setImmediate`): the code is cold at every rebuild (a few a day), and built in one go a
 * 4,000-product catalogue held a server's loop for 17-21 ms as a new model was swapped in.
 */
export async function buildCatalogue(loaded: LoadedModel | null, documents: ServingDocument[]): Promise<ServingCatalogue> {
  const model = loaded?.model ?? emptyModel()
  const productIds = loaded ? loaded.productIds.slice(0, model.nItems) : []
  const indexOf = new Map(productIds.map((id, i) => [id, i]))
  const byProduct = new Map(documents.map((d) => [d.product_id, d]))
  for (const d of documents) if (!indexOf.has(d.product_id)) indexOf.set(d.product_id, productIds.push(d.product_id) - 1)
  const rows = productIds.map((id) => byProduct.get(id))
  await setImmediate()

  const entries = rows.map((d) =>
    d
      ? {
          categories: (d.categories ?? []).map((c) => c.id),
          tags: (d.tags ?? []).map((t) => t.id),
          collection: d.collection_id ?? undefined,
          type: d.type_id ?? undefined,
          price: d.price ?? undefined,
          createdAt: toTime(d.created_at_source),
          available: d.status === "published",
        }
      : { available: false }
  )
  await setImmediate()
  const { catalog, names } = indexCatalog(entries)
  await setImmediate()

  const categoryIndex = alignCategories(catalog, names.categories, loaded?.categoryIds ?? [])
  const categoryName = new Map(documents.flatMap((d) => (d.categories ?? []).map((c) => [c.id, c.name ?? ""] as const)))
  await setImmediate()

  const newest = rankByScore(Float64Array.from(catalog.createdAt, (t, i) => (catalog.available[i] === 1 && t >= 0 ? t + 1 : 0)))
  // Per category by rank, not by time: float32 scores would round times seconds apart together.
  const recency = new Float32Array(catalog.nItems)
  newest.forEach((id, rank) => (recency[id] = newest.length - rank))
  const categoryNewest = byCategory(recency, catalog.categories, categoryIndex.size)
  await setImmediate()

  return {
    version: loaded?.version ?? 0,
    model,
    productIds,
    indexOf,
    titles: rows.map((d) => d?.title ?? ""),
    catalog,
    names,
    categoryNames: names.categories.map((id) => categoryName.get(id) ?? ""),
    categoryIndex,
    channels: rows.map((d) => d?.sales_channel_ids ?? []),
    newest,
    categoryNewest,
    fresh: freshPool(model, catalog),
    scratch: createScratch(model.nItems),
    similarity: contentSimilarity(model),
  }
}

/**
 * Renumbers the catalogue's categories so the model's come first in its order: the engine reads
 * a seed's category index as a row of model.categoryTrending. Returns category id -> index.
 */
function alignCategories(catalog: Catalog, names: string[], modelCategoryIds: string[]): Map<string, number> {
  const index = new Map(modelCategoryIds.map((id, i) => [id, i]))
  for (const name of names) if (!index.has(name)) index.set(name, index.size)
  const remap = Uint32Array.from(names, (name) => index.get(name)!)
  const ids = catalog.categories.ids
  for (let p = 0; p < ids.length; p++) ids[p] = remap[ids[p]]
  names.length = 0
  for (const [id, i] of index) names[i] = id
  return index
}

/** The engine's pool of fresh trained products, joined by the products trained without them. */
function freshPool(model: Model, catalog: Catalog): Uint32Array {
  const pool = Array.from(freshItems(model, catalog))
  for (let id = model.nItems; id < catalog.nItems; id++) if (catalog.available[id] === 1 && catalog.createdAt[id] >= 0) pool.push(id)
  pool.sort((a, b) => catalog.createdAt[b] - catalog.createdAt[a] || a - b)
  return Uint32Array.from(pool.slice(0, EXPLORATION.poolSize))
}
