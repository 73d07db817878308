/**
 * Builders for hand-checked order histories: baskets as item lists, times as whole days before a
 * fixed reference time, so every decay weight is a power of one half.
 */
import type { Orders } from "../../../src/engine/types"

export const DAY = 86_400_000
/** Reference time of every history here (2024-01-01T00:00:00Z). */
export const NOW = Date.UTC(2024, 0, 1)

export interface Basket {
  items: number[]
  /** Days before NOW (0 = at NOW). */
  age?: number
  /** Customer index, -1 (guest) when absent. */
  customer?: number
  quantities?: number[]
}

/** Orders in CSR form from baskets (items within a basket must be distinct). */
export function ordersOf(nItems: number, baskets: Basket[], nCustomers = 0): Orders {
  const offsets = new Uint32Array(baskets.length + 1)
  baskets.forEach((b, o) => (offsets[o + 1] = offsets[o] + b.items.length))
  return {
    nItems,
    nCustomers,
    offsets,
    items: Uint32Array.from(baskets.flatMap((b) => b.items)),
    quantities: Float32Array.from(baskets.flatMap((b) => b.quantities ?? b.items.map(() => 1))),
    time: Float64Array.from(baskets.map((b) => NOW - (b.age ?? 0) * DAY)),
    customer: Int32Array.from(baskets.map((b) => b.customer ?? -1)),
  }
}

/** Neighbour rows as plain arrays, for readable toEqual checks: row -> [id, score, support][]. */
export function rowsOf(nb: { offsets: Uint32Array; ids: Uint32Array; scores: Float32Array; support: Uint32Array }): [number, number, number][][] {
  const rows: [number, number, number][][] = []
  for (let i = 0; i + 1 < nb.offsets.length; i++) {
    const row: [number, number, number][] = []
    for (let p = nb.offsets[i]; p < nb.offsets[i + 1]; p++) row.push([nb.ids[p], nb.scores[p], nb.support[p]])
    rows.push(row)
  }
  return rows
}

/** Compares neighbour rows to expected [id, score, support] rows, scores to 6 decimals. */
export function expectRows(actual: [number, number, number][][], expected: [number, number, number][][]) {
  expect(actual.map((r) => r.map(([id, , support]) => [id, support]))).toEqual(expected.map((r) => r.map(([id, , support]) => [id, support])))
  actual.forEach((r, i) => r.forEach(([, score], p) => expect(score).toBeCloseTo(expected[i][p][1], 6)))
}
