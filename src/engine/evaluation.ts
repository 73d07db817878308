/**
 * The offline evaluation protocol (time split, also-bought and for-you tasks, binary-relevance
 * metrics). Strategies are plain functions, so baselines and the production pipeline are scored
 * by exactly the same code.
 */
import { intraListDiversity, novelty, scoreList } from "./metrics"
import type { Orders } from "./types"

/** A shopper's history: items and times (ms) of their training order lines, oldest first. */
export interface History {
  ids: Uint32Array
  time: Float64Array
}

export interface Strategy {
  name: string
  alsoBought?: (seed: number, k: number) => ArrayLike<number>
  forYou?: (history: History, k: number) => ArrayLike<number>
}

export interface TaskResult {
  hr: number
  precision: number
  recall: number
  ndcg: number
  /** Also-bought only: distinct recommended items / distinct training items. */
  coverage?: number
  diversity: number
  novelty: number
  cases: number
}

export interface Evaluation {
  orders: number
  trainOrders: number
  testOrders: number
  items: number
  alsoBought: Record<string, TaskResult>
  forYou: Record<string, TaskResult>
}

/** Orders `from..to` (sorted by time) as their own Orders. */
export function sliceOrders(orders: Orders, from: number, to: number): Orders {
  const a = orders.offsets[from]
  const b = orders.offsets[to]
  const offsets = new Uint32Array(to - from + 1)
  for (let o = from; o <= to; o++) offsets[o - from] = orders.offsets[o] - a
  return {
    nItems: orders.nItems,
    nCustomers: orders.nCustomers,
    offsets,
    items: orders.items.slice(a, b),
    quantities: orders.quantities.slice(a, b),
    time: orders.time.slice(from, to),
    customer: orders.customer.slice(from, to),
  }
}

/** The last round(n * f) orders are the test set, the rest training. */
export function timeSplit(orders: Orders, testFraction: number): { train: Orders; test: Orders } {
  const n = orders.offsets.length - 1
  const nTest = Math.round(n * testFraction)
  return { train: sliceOrders(orders, 0, n - nTest), test: sliceOrders(orders, n - nTest, n) }
}

/** Every customer's training lines, oldest first. */
export function histories(train: Orders): History[] {
  const lines = new Uint32Array(train.nCustomers)
  for (let o = 0; o < train.customer.length; o++) {
    if (train.customer[o] >= 0) lines[train.customer[o]] += train.offsets[o + 1] - train.offsets[o]
  }
  const out: History[] = Array.from(lines, (n) => ({ ids: new Uint32Array(n), time: new Float64Array(n) }))
  const fill = new Uint32Array(train.nCustomers)
  for (let o = 0; o < train.customer.length; o++) {
    const c = train.customer[o]
    if (c < 0) continue
    for (let l = train.offsets[o]; l < train.offsets[o + 1]; l++) {
      out[c].ids[fill[c]] = train.items[l]
      out[c].time[fill[c]++] = train.time[o]
    }
  }
  return out
}

export interface EvaluateOptions {
  k: number
  /** Item similarity for intra-list diversity (content cosine); 0 everywhere when absent. */
  similarity?: (a: number, b: number) => number
  /**
   * Hears every case's NDCG per strategy (index into `strategies`), with the case's unit: its test
   * order (also-bought) or customer (for-you). Cases of one unit are not independent evidence.
   */
  onCase?: (task: "alsoBought" | "forYou", strategy: number, unit: number, ndcg: number) => void
}

/** Per unit (a test order or a customer): its number of cases and each strategy's NDCG sum. */
export type Units = Map<number, { cases: number; ndcg: Float64Array }>

/** An `onCase` that gathers each task's cases by unit, for `nStrategies` strategies. */
export function unitCollector(nStrategies: number) {
  const units = { alsoBought: new Map() as Units, forYou: new Map() as Units }
  const onCase: NonNullable<EvaluateOptions["onCase"]> = (task, strategy, unit, ndcg) => {
    let u = units[task].get(unit)
    if (!u) units[task].set(unit, (u = { cases: 0, ndcg: new Float64Array(nStrategies) }))
    if (strategy === 0) u.cases++
    u.ndcg[strategy] += ndcg
  }
  return { units, onCase }
}

/**
 * Mean NDCG gain per case of strategy `a` over `b`, with its standard error clustered by unit:
 * the cases of one order or one customer are not independent evidence. One unit says nothing of
 * the noise, so its standard error is infinite.
 */
export function clusteredGain(units: Units, a: number, b: number): { gain: number; se: number } {
  let n = 0
  let gain = 0
  for (const u of units.values()) {
    n += u.cases
    gain += u.ndcg[a] - u.ndcg[b]
  }
  if (n === 0) return { gain: 0, se: 0 }
  gain /= n
  if (units.size < 2) return { gain, se: Infinity }
  let variance = 0
  for (const u of units.values()) variance += (u.ndcg[a] - u.ndcg[b] - u.cases * gain) ** 2
  return { gain, se: Math.sqrt(variance) / n }
}

export function evaluate(train: Orders, test: Orders, strategies: Strategy[], options: EvaluateOptions): Evaluation {
  const { k } = options
  const similarity = options.similarity ?? (() => 0)
  const nTrain = train.offsets.length - 1
  const orderCount = new Uint32Array(train.nItems)
  for (let l = 0; l < train.items.length; l++) orderCount[train.items[l]]++
  let items = 0
  for (let i = 0; i < train.nItems; i++) if (orderCount[i] > 0) items++

  const mark = new Int32Array(train.nItems).fill(-1)
  let stamp = 0
  const isTarget = (id: number) => mark[id] === stamp

  // also-bought: each test order with >= 2 products, each of its products seen in training.
  const alsoBought: Record<string, TaskResult> = {}
  const abStrategies = strategies.filter((s) => s.alsoBought)
  const abIndex = abStrategies.map((s) => strategies.indexOf(s))
  const abSums = abStrategies.map(() => newSums())
  const abSeen = abStrategies.map(() => new Uint8Array(train.nItems))
  let abCases = 0
  for (let o = 0; o < test.offsets.length - 1; o++) {
    const start = test.offsets[o]
    const end = test.offsets[o + 1]
    if (end - start < 2) continue
    for (let l = start; l < end; l++) {
      const seed = test.items[l]
      if (orderCount[seed] === 0) continue
      stamp++
      for (let m = start; m < end; m++) if (m !== l) mark[test.items[m]] = stamp
      abCases++
      abStrategies.forEach((s, si) => {
        const list = s.alsoBought!(seed, k)
        const ndcg = add(abSums[si], list, k, isTarget, end - start - 1, similarity, orderCount, nTrain)
        options.onCase?.("alsoBought", abIndex[si], o, ndcg)
        for (let r = 0; r < Math.min(k, list.length); r++) abSeen[si][list[r]] = 1
      })
    }
  }
  abStrategies.forEach((s, si) => {
    let covered = 0
    for (let i = 0; i < train.nItems; i++) if (abSeen[si][i] && orderCount[i] > 0) covered++
    alsoBought[s.name] = { ...means(abSums[si], abCases), coverage: items > 0 ? covered / items : 0 }
  })

  // for-you: customers with training and test orders; targets are all their test products.
  const forYou: Record<string, TaskResult> = {}
  const fyStrategies = strategies.filter((s) => s.forYou)
  const fyIndex = fyStrategies.map((s) => strategies.indexOf(s))
  const fySums = fyStrategies.map(() => newSums())
  const trainHistories = histories(train)
  const targets: number[][] = Array.from({ length: test.nCustomers }, () => [])
  for (let o = 0; o < test.offsets.length - 1; o++) {
    const c = test.customer[o]
    if (c >= 0) for (let l = test.offsets[o]; l < test.offsets[o + 1]; l++) targets[c].push(test.items[l])
  }
  let fyCases = 0
  for (let c = 0; c < test.nCustomers; c++) {
    if (targets[c].length === 0 || trainHistories[c].ids.length === 0) continue
    stamp++
    let nTargets = 0
    for (const t of targets[c]) if (mark[t] !== stamp) (mark[t] = stamp), nTargets++
    fyCases++
    fyStrategies.forEach((s, si) => {
      const ndcg = add(fySums[si], s.forYou!(trainHistories[c], k), k, isTarget, nTargets, similarity, orderCount, nTrain)
      options.onCase?.("forYou", fyIndex[si], c, ndcg)
    })
  }
  fyStrategies.forEach((s, si) => (forYou[s.name] = means(fySums[si], fyCases)))

  return { orders: nTrain + test.offsets.length - 1, trainOrders: nTrain, testOrders: test.offsets.length - 1, items, alsoBought, forYou }
}

type Sums = Omit<TaskResult, "coverage" | "cases">
const newSums = (): Sums => ({ hr: 0, precision: 0, recall: 0, ndcg: 0, diversity: 0, novelty: 0 })

function add(
  sums: Sums,
  list: ArrayLike<number>,
  k: number,
  isTarget: (id: number) => boolean,
  nTargets: number,
  similarity: (a: number, b: number) => number,
  orderCount: Uint32Array,
  nTrain: number
): number {
  const top = list.length > k ? Array.prototype.slice.call(list, 0, k) : list
  const m = scoreList(top, k, isTarget, nTargets)
  sums.hr += m.hr
  sums.precision += m.precision
  sums.recall += m.recall
  sums.ndcg += m.ndcg
  sums.diversity += intraListDiversity(top, similarity)
  sums.novelty += novelty(top, orderCount, nTrain)
  return m.ndcg
}

function means(s: Sums, cases: number): TaskResult {
  const d = cases || 1
  return {
    hr: s.hr / d,
    precision: s.precision / d,
    recall: s.recall / d,
    ndcg: s.ndcg / d,
    diversity: s.diversity / d,
    novelty: s.novelty / d,
    cases,
  }
}
