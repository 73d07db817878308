/** Builds the engine's Catalog (attributes as integer indices) from per-product attribute strings. */
import type { Catalog } from "./types"

export interface CatalogEntry {
  categories?: string[]
  tags?: string[]
  collection?: string
  type?: string
  price?: number
  createdAt?: number
  /** Published, in the sales channel and in stock where managed; true when absent. */
  available?: boolean
}

export interface IndexedCatalog {
  catalog: Catalog
  /** Index -> name, for each attribute. */
  names: { categories: string[]; tags: string[]; collections: string[]; types: string[] }
}

export function indexCatalog(entries: CatalogEntry[]): IndexedCatalog {
  const names = { categories: [] as string[], tags: [] as string[], collections: [] as string[], types: [] as string[] }
  const indexer = (list: string[]) => {
    const map = new Map<string, number>()
    return (name: string) => {
      let i = map.get(name)
      if (i === undefined) map.set(name, (i = list.push(name) - 1))
      return i
    }
  }
  const category = indexer(names.categories)
  const tag = indexer(names.tags)
  const collection = indexer(names.collections)
  const type = indexer(names.types)
  const n = entries.length
  const catalog: Catalog = {
    nItems: n,
    categories: listColumn(entries, (e) => e.categories, category),
    tags: listColumn(entries, (e) => e.tags, tag),
    collection: Int32Array.from(entries, (e) => (e.collection ? collection(e.collection) : -1)),
    type: Int32Array.from(entries, (e) => (e.type ? type(e.type) : -1)),
    price: Float32Array.from(entries, (e) => e.price ?? NaN),
    createdAt: Float64Array.from(entries, (e) => e.createdAt ?? -1),
    available: Uint8Array.from(entries, (e) => (e.available === false ? 0 : 1)),
  }
  return { catalog, names }
}

function listColumn(entries: CatalogEntry[], get: (e: CatalogEntry) => string[] | undefined, index: (name: string) => number) {
  const offsets = new Uint32Array(entries.length + 1)
  const ids: number[] = []
  entries.forEach((e, i) => {
    for (const name of new Set(get(e) ?? [])) ids.push(index(name))
    offsets[i + 1] = ids.length
  })
  return { offsets, ids: Uint32Array.from(ids), values: new Float32Array(ids.length).fill(1) }
}
