/** The model a store serves before its first training: no neighbours, no trending, no items. */
import type { Model, Neighbours } from "../../../engine"

const noNeighbours = (): Neighbours => ({
  offsets: new Uint32Array(1),
  ids: new Uint32Array(0),
  scores: new Float32Array(0),
  support: new Uint32Array(0),
})

export function emptyModel(): Model {
  return {
    nItems: 0,
    trainedUntil: 0,
    cooccurrence: noNeighbours(),
    content: noNeighbours(),
    terms: { offsets: new Uint32Array(1), ids: new Uint32Array(0), values: new Float32Array(0) },
    vocabulary: [],
    trending: new Float32Array(0),
    trendingOrder: new Uint32Array(0),
    categoryTrending: { offsets: new Uint32Array(1), ids: new Uint32Array(0), values: new Float32Array(0) },
    orderCount: new Uint32Array(0),
    priorScale: { seeded: 1, personal: 1 },
  }
}
