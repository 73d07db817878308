/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and Volinsky
 * 2008): customers and products become k-dimensional factors whose dot product fits "bought" (1)
 * with confidence 1 + alpha * orders and "not bought" (0) with confidence 1. Each half-sweep
 * solves one k x k system per row: (YtY + lambda I + sum over its products (c - 1) y y^T) x =
 * sum c y; YtY is shared, so a row costs its products times k^2, plus the solve.
 * A shopper outside the training data (or with newer purchases) is folded in the same way: one
 * solve against the product factors, from their history.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix"
import { ALS } from "./params"
import type { Csr, Orders } from "./types"

export type AlsParams = typeof ALS

export interface Factors {
  k: number
  /** nCustomers x k, row-major. */
  customers: Float32Array
  /** nItems x k, row-major. */
  items: Float32Array
  /** items^T items (k x k), shared by every fold-in. */
  itemGram: Float64Array
}

/** customer -> products with the number of their orders holding each (values). */
export function customerItems(orders: Orders): Csr {
  const rows: Map<number, number>[] = Array.from({ length: orders.nCustomers }, () => new Map())
  for (let o = 0; o < orders.offsets.length - 1; o++) {
    const c = orders.customer[o]
    if (c < 0) continue
    for (let l = orders.offsets[o]; l < orders.offsets[o + 1]; l++) rows[c].set(orders.items[l], (rows[c].get(orders.items[l]) ?? 0) + 1)
  }
  return toCsr(rows)
}

function toCsr(rows: Map<number, number>[]): Csr {
  const offsets = new Uint32Array(rows.length + 1)
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.size))
  const ids = new Uint32Array(offsets[rows.length])
  const values = new Float32Array(ids.length)
  rows.forEach((r, i) => {
    let p = offsets[i]
    for (const [j, v] of r) (ids[p] = j), (values[p++] = v)
  })
  return { offsets, ids, values }
}

function transpose(m: Csr, nCols: number): Csr {
  const rows: Map<number, number>[] = Array.from({ length: nCols }, () => new Map())
  for (let r = 0; r < m.offsets.length - 1; r++) for (let p = m.offsets[r]; p < m.offsets[r + 1]; p++) rows[m.ids[p]].set(r, m.values[p])
  return toCsr(rows)
}

/** Y^T Y of a row-major n x k factor matrix. */
function gram(f: Float32Array, k: number): Float64Array {
  const g = new Float64Array(k * k)
  for (let r = 0; r < f.length; r += k)
    for (let a = 0; a < k; a++) {
      const fa = f[r + a]
      if (fa !== 0) for (let b = 0; b < k; b++) g[a * k + b] += fa * f[r + b]
    }
  return g
}

/** Solves one row's system into `out` (k values at `at`); `counts` are the row's order counts. */
function solveRow(
  other: Float32Array,
  g: Float64Array,
  ids: ArrayLike<number>,
  counts: ArrayLike<number>,
  from: number,
  to: number,
  k: number,
  params: AlsParams,
  out: Float32Array | Float64Array,
  at: number
): void {
  const a = Float64Array.from(g)
  for (let d = 0; d < k; d++) a[d * k + d] += params.lambda
  const b = new Float64Array(k)
  for (let p = from; p < to; p++) {
    const c = params.alpha * counts[p]
    const y = ids[p] * k
    for (let u = 0; u < k; u++) {
      const cy = c * other[y + u]
      b[u] += cy + other[y + u]
      for (let v = 0; v < k; v++) a[u * k + v] += cy * other[y + v]
    }
  }
  const m = new Matrix(k, k)
  for (let u = 0; u < k; u++) for (let v = 0; v < k; v++) m.set(u, v, a[u * k + v])
  const x = new CholeskyDecomposition(m).solve(Matrix.columnVector(Array.from(b)))
  for (let u = 0; u < k; u++) out[at + u] = x.get(u, 0)
}

/** Deterministic small random start (mulberry32), so a retrain on the same data is the same model. */
function randomFactors(n: number, k: number, seed: number): Float32Array {
  const f = new Float32Array(n * k)
  let s = seed >>> 0
  for (let i = 0; i < f.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    f[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) - 0.5) * 0.1
  }
  return f
}

export function als(orders: Orders, params: AlsParams = ALS): Factors {
  const { k } = params
  const byCustomer = customerItems(orders)
  const byItem = transpose(byCustomer, orders.nItems)
  const customers = new Float32Array(orders.nCustomers * k)
  const items = randomFactors(orders.nItems, k, params.seed)
  const half = (rows: Csr, other: Float32Array, out: Float32Array) => {
    const g = gram(other, k)
    for (let r = 0; r < rows.offsets.length - 1; r++) {
      if (rows.offsets[r] === rows.offsets[r + 1]) continue
      solveRow(other, g, rows.ids, rows.values, rows.offsets[r], rows.offsets[r + 1], k, params, out, r * k)
    }
  }
  for (let it = 0; it < params.iterations; it++) {
    half(byCustomer, items, customers)
    half(byItem, customers, items)
  }
  return { k, customers, items, itemGram: gram(items, k) }
}

/** A shopper's factors from their products and order counts, against fixed product factors. */
export function foldIn(factors: Factors, ids: ArrayLike<number>, counts: ArrayLike<number>, params: AlsParams = ALS): Float64Array {
  const x = new Float64Array(factors.k)
  if (ids.length) solveRow(factors.items, factors.itemGram, ids, counts, 0, ids.length, factors.k, params, x, 0)
  return x
}
