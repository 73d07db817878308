/**
 * A hand-built store small enough to check every value by hand, and the builders behind it.
 *
 *  id  title           categories  tags  collection  type  price  available  orders  trending
 *   0  Linen cushion   0           0     0           0     20     1          40      0.4
 *   1  Linen throw     0           0,1   0           1     45     1          30      0.3
 *   2  Wool throw      0,1         1     1           1     60     1          20      0
 *   3  Ceramic mug     2           -     -           2     12     1          25      0.2
 *   4  Mug rack        2           -     -           2     NaN    1          10      0
 *   5  Cotton cushion  0           0     1           0     25     0          5       0
 *   6  Gift card       -           -     -           -     50     1          50      0.5
 *   7  Stone vase      3           -     -           -     30     1          0       0
 */
import type { Candidate, Catalog, Csr, Model, Neighbours } from "../../../src/engine/types"

export interface ItemSpec {
  title: string
  categories?: number[]
  tags?: number[]
  collection?: number
  type?: number
  price?: number
  createdAt?: number
  available?: 0 | 1
  orderCount?: number
  trending?: number
  /** Raw term weights; rows are L2-normalised on build. */
  terms?: Record<string, number>
}

/** [from, to, score, support] */
export type Edge = [number, number, number, number]

export const ITEMS: ItemSpec[] = [
  { title: "Linen cushion", categories: [0], tags: [0], collection: 0, type: 0, price: 20, createdAt: 100, orderCount: 40, trending: 0.4, terms: { linen: 3, cushion: 4 } },
  { title: "Linen throw", categories: [0], tags: [0, 1], collection: 0, type: 1, price: 45, createdAt: 200, orderCount: 30, trending: 0.3, terms: { linen: 4, throw: 3 } },
  { title: "Wool throw", categories: [0, 1], tags: [1], collection: 1, type: 1, price: 60, createdAt: 300, orderCount: 20, terms: { linen: 2, cushion: 1, wool: 2 } },
  { title: "Ceramic mug", categories: [2], type: 2, price: 12, createdAt: 400, orderCount: 25, trending: 0.2 },
  { title: "Mug rack", categories: [2], type: 2, price: NaN, createdAt: 500, orderCount: 10 },
  { title: "Cotton cushion", categories: [0], tags: [0], collection: 1, type: 0, price: 25, createdAt: 600, available: 0, orderCount: 5, terms: { cushion: 4, cotton: 3 } },
  { title: "Gift card", price: 50, createdAt: 50, orderCount: 50, trending: 0.5 },
  { title: "Stone vase", categories: [3], price: 30, createdAt: 700, orderCount: 0 },
]

export const CO_PURCHASE: Edge[] = [
  [0, 1, 0.5, 10],
  [0, 2, 0.3, 6],
  [0, 3, 0.1, 2],
  [3, 4, 0.6, 5],
  [3, 1, 0.2, 1],
  [3, 0, 0.15, 2],
]

/** Cosines of the ITEMS term rows: 0-2 = 2/3, 0-5 = 0.64, 0-1 = 0.48. */
export const CONTENT_LINKS: Edge[] = [
  [0, 2, 2 / 3, 2],
  [0, 5, 0.64, 1],
  [0, 1, 0.48, 1],
]

/** Rows as given (ids and values in order). */
export function csr(rows: [number, number][][]): Csr {
  const offsets = new Uint32Array(rows.length + 1)
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length))
  return {
    offsets,
    ids: Uint32Array.from(rows.flat().map(([id]) => id)),
    values: Float32Array.from(rows.flat().map(([, v]) => v)),
  }
}

/** Neighbour rows from edges, best score first. */
export function neighbours(n: number, edges: Edge[]): Neighbours {
  const rows: Edge[][] = Array.from({ length: n }, () => [])
  for (const e of edges) rows[e[0]].push(e)
  for (const r of rows) r.sort((a, b) => b[2] - a[2])
  const flat = rows.flat()
  const offsets = new Uint32Array(n + 1)
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length))
  return {
    offsets,
    ids: Uint32Array.from(flat.map((e) => e[1])),
    scores: Float32Array.from(flat.map((e) => e[2])),
    support: Uint32Array.from(flat.map((e) => e[3])),
  }
}

export function catalogOf(items: ItemSpec[] = ITEMS): Catalog {
  return {
    nItems: items.length,
    categories: csr(items.map((it) => (it.categories ?? []).map((c): [number, number] => [c, 1]))),
    tags: csr(items.map((it) => (it.tags ?? []).map((t): [number, number] => [t, 1]))),
    collection: Int32Array.from(items.map((it) => it.collection ?? -1)),
    type: Int32Array.from(items.map((it) => it.type ?? -1)),
    price: Float32Array.from(items.map((it) => it.price ?? NaN)),
    createdAt: Float64Array.from(items.map((it) => it.createdAt ?? NaN)),
    available: Uint8Array.from(items.map((it) => it.available ?? 1)),
  }
}

export function modelOf(items: ItemSpec[] = ITEMS, coPurchase: Edge[] = CO_PURCHASE, content: Edge[] = CONTENT_LINKS): Model {
  const n = items.length
  const vocabulary = [...new Set(items.flatMap((it) => Object.keys(it.terms ?? {})))].sort()
  const terms = csr(
    items.map((it) => {
      const w = Object.entries(it.terms ?? {})
      const norm = Math.hypot(...w.map(([, v]) => v))
      return w.map(([t, v]): [number, number] => [vocabulary.indexOf(t), v / norm]).sort((a, b) => a[0] - b[0])
    })
  )
  const trending = Float32Array.from(items.map((it) => it.trending ?? 0))
  const byTrending = (ids: number[]) => ids.filter((i) => trending[i] > 0).sort((a, b) => trending[b] - trending[a])
  const nCategories = Math.max(-1, ...items.flatMap((it) => it.categories ?? [])) + 1
  const categoryTrending = csr(
    Array.from({ length: nCategories }, (_, c) =>
      byTrending(items.flatMap((it, i) => ((it.categories ?? []).includes(c) ? [i] : []))).map((i): [number, number] => [i, trending[i]])
    )
  )
  return {
    nItems: n,
    trainedUntil: 1000,
    cooccurrence: neighbours(n, coPurchase),
    content: neighbours(n, content),
    terms,
    vocabulary,
    trending,
    trendingOrder: Uint32Array.from(byTrending(items.map((_, i) => i))),
    categoryTrending,
    orderCount: Uint32Array.from(items.map((it) => it.orderCount ?? 0)),
    priorScale: { seeded: 1, personal: 1 },
  }
}

export const titleOf = (id: number) => ITEMS[id]?.title ?? ""

export const cand = (id: number, score: number, sources: Candidate["sources"] = {}, pinned?: number): Candidate =>
  pinned === undefined ? { id, score, sources } : { id, score, sources, pinned }

export const ids = (list: Candidate[]) => list.map((c) => c.id)
