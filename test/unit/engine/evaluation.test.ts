/**
 * The offline evaluation protocol (shared EVALUATION.md) on a store small enough to work out by
 * hand: split, cases, every list, every hit, DCG / IDCG. L below is log2(3).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs"
import { tmpdir } from "os"
import { join } from "path"
import { clusteredGain, evaluate, timeSplit, unitCollector } from "../../../src/engine/evaluation"
import { scoreList } from "../../../src/engine/metrics"
import { offlineEvaluation, type OfflineResult } from "../../../src/engine/offline"
import type { Orders } from "../../../src/engine/types"
import { readExchange, type ExchangeData } from "../../../src/exchange/read"
import { PRODUCTS_CSV } from "../hand-store"

const L = Math.log2(3)
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9)

/*
 * The store. Products A..G (G is in products.csv only, E and F are bought only in test orders).
 *
 *   order  customer  lines (file order)                    time (earliest line)
 *   "1"    guest     A, B                                   01-01 10:00
 *   "2"    c2        A, C                                   01-02 10:00
 *   "3"    guest     A, B, D, B again (at 12:00)            01-03 10:00   B counted once
 *   "4"    c1        B                                      01-04 10:00   one product
 *   "10"   c2        D at 01-09, then C at 01-05            01-05 10:00   earliest line, not first
 *   "9"    c1        A, C, E, F                             01-05 10:00   ties "10": "10" < "9" as strings
 *   "11"   c3        B, D                                   01-07 10:00   c3 has only test orders
 *   "12"   c2        A, A                                   01-08 10:00   one distinct product
 *
 * Sorted by (time, id string): 1, 2, 3, 4, 10, 9, 11, 12. n = 8, f = 0.375: round(3) = 3 test
 * orders: "9", "11", "12"; training: "1", "2", "3", "4", "10" (5 orders).
 * (Had "10" taken its latest line, 01-09, it would sort last and be a test order; had ids sorted
 * as numbers, "9" would be training and "10" test.)
 *
 * Training order counts: A 3 ("1","2","3"), B 3 ("1","3","4"; 4 if the duplicate line counted),
 * C 2 ("2","10"), D 2 ("3","10"). items = 4. Popularity: A, B (tie at 3: by id), C, D (tie at 2).
 * k = 2.
 */
const ORDERS_CSV = [
  "order_id,customer_id,product_id,timestamp,quantity",
  "12,c2,A,2024-01-08T10:00:00Z,1",
  "12,c2,A,2024-01-08T10:00:00Z,",
  "1,,A,2024-01-01T10:00:00Z,2",
  "1,,B,2024-01-01T10:00:00Z,",
  "9,c1,A,2024-01-05T10:00:00Z,1",
  "9,c1,C,2024-01-05T10:00:00Z,1",
  "9,c1,E,2024-01-05T10:00:00Z,1",
  "9,c1,F,2024-01-05T10:00:00Z,1",
  "2,c2,A,2024-01-02T10:00:00Z,1",
  "2,c2,C,2024-01-02T10:00:00Z,1",
  "10,c2,D,2024-01-09T10:00:00Z,1",
  "3,,A,2024-01-03T10:00:00Z,1",
  "3,,B,2024-01-03T10:00:00Z,1",
  "3,,D,2024-01-03T10:00:00Z,1",
  "3,,B,2024-01-03T12:00:00Z,3",
  "4,c1,B,2024-01-04T10:00:00Z,1",
  "10,c2,C,2024-01-05T10:00:00Z,1",
  "11,c3,B,2024-01-07T10:00:00Z,1",
  "11,c3,D,2024-01-07T10:00:00Z,1",
].join("\n")


let dir: string
let data: ExchangeData
let result: OfflineResult
const idOf = (i: number) => data.productIds[i]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "recs-eval-"))
  writeFileSync(join(dir, "orders.csv"), ORDERS_CSV)
  writeFileSync(join(dir, "products.csv"), PRODUCTS_CSV)
  data = readExchange(dir)
  result = await offlineEvaluation(
    {
      orders: data.orders,
      documents: data.documents,
      productIds: data.productIds,
    },
    { testFraction: 0.375, k: 2 }
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("reading the hand-built store", () => {
  it("sorts orders by (earliest line time, order id as a string)", () => {
    expect(data.orderIds).toEqual(["1", "2", "3", "4", "10", "9", "11", "12"])
    const day = (d: number) => Date.UTC(2024, 0, d, 10)
    expect(Array.from(data.orders.time)).toEqual([day(1), day(2), day(3), day(4), day(5), day(5), day(7), day(8)])
  })

  it("keeps each product once per order, quantities summed, guests as -1", () => {
    const basket = (p: number) =>
      Array.from(data.orders.items.subarray(data.orders.offsets[p], data.orders.offsets[p + 1]), idOf).sort()
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(basket)).toEqual([
      ["A", "B"],
      ["A", "C"],
      ["A", "B", "D"],
      ["B"],
      ["C", "D"],
      ["A", "C", "E", "F"],
      ["B", "D"],
      ["A"],
    ])
    // "3": B on two lines, 1 + 3 units; "12": A on two lines, 1 + empty (= 1).
    const quantity = (p: number, id: string) => {
      for (let l = data.orders.offsets[p]; l < data.orders.offsets[p + 1]; l++) if (idOf(data.orders.items[l]) === id) return data.orders.quantities[l]
      return undefined
    }
    expect(quantity(2, "B")).toBe(4)
    expect(quantity(7, "A")).toBe(2)
    expect(quantity(0, "A")).toBe(2)
    const customer = Array.from(data.orders.customer, (c) => (c < 0 ? "" : data.customerIds[c]))
    expect(customer).toEqual(["", "c2", "", "c1", "c2", "c1", "c3", "c2"])
    expect(data.productIds).toEqual(["A", "B", "C", "D", "E", "F", "G"])
  })
})

describe("offlineEvaluation on the hand-built store (f = 0.375, k = 2)", () => {
  it("splits 8 orders into 5 training and 3 test; 4 products in training", () => {
    expect(result.orders).toBe(8)
    expect(result.trainOrders).toBe(5)
    expect(result.testOrders).toBe(3)
    expect(result.items).toBe(4)
  })

  it("reports the baselines and the production hybrid", () => {
    expect(Object.keys(result.alsoBought)).toEqual(expect.arrayContaining(["popularity", "hybrid"]))
    expect(Object.keys(result.forYou)).toEqual(expect.arrayContaining(["popularity", "rebuy", "hybrid"]))
    expect(result.alsoBought.rebuy).toBeUndefined()
    expect(result.forYou.popularity.coverage).toBeUndefined()
    for (const r of Object.values(result.alsoBought)) expect(r.cases).toBe(4)
    for (const r of Object.values(result.forYou)) expect(r.cases).toBe(2)
    expect(result.trainSeconds).toBeGreaterThanOrEqual(0)
  })

  /*
   * also-bought cases: test orders with >= 2 distinct products, seeds seen in training.
   *   "9" {A,C,E,F}: seeds A and C (E, F have no training order).
   *   "11" {B,D}: seeds B and D.  "12" {A} (two lines, one product): no case.  => 4 cases.
   *
   *   seed  targets   popularity without the seed, top 2   hits      P    R    DCG    IDCG (min(k,|T|))
   *   A     {C,E,F}   [B, C]                                C @ 2     1/2  1/3  1/L    1 + 1/L
   *   C     {A,E,F}   [A, B]                                A @ 1     1/2  1/3  1      1 + 1/L
   *   B     {D}       [A, C]                                none      0    0    0      1
   *   D     {B}       [A, B]                                B @ 2     1/2  1    1/L    1
   *
   *   hr = 3/4; precision = 1.5/4 = 3/8; recall = (1/3 + 1/3 + 0 + 1)/4 = 5/12
   *   ndcg = [ (1/L)/(1+1/L) + 1/(1+1/L) + 0 + 1/L ] / 4 = [ 1/(L+1) + L/(L+1) + 1/L ] / 4 = (1 + 1/L)/4
   *   coverage = |{B,C} ∪ {A,B} ∪ {A,C} ∪ {A,B}| / 4 training products = 3/4
   *   novelty (training orders 5; A, B in 3, C in 2): a = log2(5/3), b = log2(5/2);
   *     lists [B,C] (a+b)/2, [A,B] a, [A,C] (a+b)/2, [A,B] a  => (3a + b)/4
   */
  it("scores also-bought popularity as worked out by hand", () => {
    const r = result.alsoBought.popularity
    expect(r.cases).toBe(4)
    close(r.hr, 3 / 4)
    close(r.precision, 3 / 8)
    close(r.recall, 5 / 12)
    close(r.ndcg, (1 + 1 / L) / 4)
    close(r.coverage!, 3 / 4)
    const a = Math.log2(5 / 3)
    const b = Math.log2(5 / 2)
    close(r.novelty, (3 * a + b) / 4)
  })

  /*
   * for-you cases: customers with >= 1 training and >= 1 test order.
   *   c1: training "4" {B}; test "9" => targets {A,C,E,F} (4).
   *   c2: training "2" {A,C}, "10" {C,D}; test "12" => targets {A} (1).
   *   c3: only test orders ("11"): no case. Guests: no case.  => 2 cases.
   *
   * popularity, top 2 = [A, B]:
   *   c1: A @ 1: P 1/2, R 1/4, DCG 1, IDCG 1 + 1/L => ndcg L/(L+1)
   *   c2: A @ 1: P 1/2, R 1,   DCG 1, IDCG 1       => ndcg 1
   *   hr 1, precision 1/2, recall (1/4 + 1)/2 = 5/8, ndcg (L/(L+1) + 1)/2
   *
   * rebuy:
   *   c1: own {B: 1 order} = [B], filled by popularity without B: [B, A]. A @ 2:
   *       P 1/2, R 1/4, DCG 1/L, IDCG 1 + 1/L => ndcg 1/(L+1)
   *   c2: own {C: 2, A: 1, D: 1}, the A-D tie by id: [C, A, D] -> top 2 [C, A]. A @ 2:
   *       P 1/2, R 1, DCG 1/L, IDCG 1 => ndcg 1/L
   *   hr 1, precision 1/2, recall 5/8, ndcg (1/(L+1) + 1/L)/2
   */
  it("scores for-you popularity and rebuy as worked out by hand", () => {
    const p = result.forYou.popularity
    expect(p.cases).toBe(2)
    close(p.hr, 1)
    close(p.precision, 1 / 2)
    close(p.recall, 5 / 8)
    close(p.ndcg, (L / (L + 1) + 1) / 2)

    const r = result.forYou.rebuy
    expect(r.cases).toBe(2)
    close(r.hr, 1)
    close(r.precision, 1 / 2)
    close(r.recall, 5 / 8)
    close(r.ndcg, (1 / (L + 1) + 1 / L) / 2)
  })

  it("keeps every metric of every strategy within its range", () => {
    for (const task of [result.alsoBought, result.forYou]) {
      for (const r of Object.values(task)) {
        for (const m of [r.hr, r.precision, r.recall, r.ndcg, r.diversity]) {
          expect(m).toBeGreaterThanOrEqual(0)
          expect(m).toBeLessThanOrEqual(1 + 1e-9)
        }
        expect(r.precision).toBeLessThanOrEqual(r.hr + 1e-9)
      }
    }
  })
})

/** Orders with one item each (item = order index) at the given times. */
function ordersOf(times: number[], customers?: number[]): Orders {
  const n = times.length
  return {
    nItems: n,
    nCustomers: customers ? Math.max(-1, ...customers) + 1 : 0,
    offsets: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    items: Uint32Array.from({ length: n }, (_, i) => i),
    quantities: new Float32Array(n).fill(1),
    time: Float64Array.from(times),
    customer: Int32Array.from(customers ?? new Array(n).fill(-1)),
  }
}

describe("timeSplit", () => {
  const sizes = (n: number, f: number) => {
    const { train, test } = timeSplit(ordersOf(Array.from({ length: n }, (_, i) => i)), f)
    return [train.offsets.length - 1, test.offsets.length - 1]
  }

  it("puts the last round(n * f) orders in the test set", () => {
    expect(sizes(8, 0.375)).toEqual([5, 3]) // 3
    expect(sizes(7, 0.3)).toEqual([5, 2]) // 2.1 -> 2
    expect(sizes(9, 0.3)).toEqual([6, 3]) // 2.7 -> 3
    expect(sizes(3, 0.1)).toEqual([3, 0]) // 0.3 -> 0
    expect(sizes(20728, 0.1)).toEqual([18655, 2073]) // the reference figures: 2072.8 -> 2073
    // Halves round up (Math.round): 5 * 0.5 = 2.5 -> 3. The protocol's round() does not say.
    expect(sizes(5, 0.5)).toEqual([2, 3])
  })

  it("slices items, times and customers with the orders", () => {
    const orders = ordersOf([10, 20, 30, 40], [0, -1, 1, 0])
    const { train, test } = timeSplit(orders, 0.5)
    expect(Array.from(train.offsets)).toEqual([0, 1, 2])
    expect(Array.from(train.items)).toEqual([0, 1])
    expect(Array.from(train.time)).toEqual([10, 20])
    expect(Array.from(train.customer)).toEqual([0, -1])
    expect(Array.from(test.offsets)).toEqual([0, 1, 2])
    expect(Array.from(test.items)).toEqual([2, 3])
    expect(Array.from(test.time)).toEqual([30, 40])
    expect(Array.from(test.customer)).toEqual([1, 0])
    expect(test.nItems).toBe(4)
    expect(test.nCustomers).toBe(2)
  })
})

describe("scoreList", () => {
  const targets = (...ids: number[]) => (id: number) => ids.includes(id)

  it("hits at ranks 1 and 3 of k = 5 with 4 targets", () => {
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5)
    const m = scoreList([1, 9, 2, 8, 7], 5, targets(1, 2, 3, 4), 4)
    expect(m.hits).toBe(2)
    expect(m.hr).toBe(1)
    close(m.precision, 2 / 5)
    close(m.recall, 2 / 4)
    close(m.ndcg, 1.5 / (1 + 1 / L + 1 / 2 + 1 / Math.log2(5)))
  })

  it("takes the ideal DCG over min(k, |targets|) hits", () => {
    // k = 2, 5 targets, both slots hit: DCG = IDCG = 1 + 1/L
    const m = scoreList([3, 4], 2, targets(1, 2, 3, 4, 5), 5)
    close(m.ndcg, 1)
    close(m.recall, 2 / 5)
    close(m.precision, 1)
    // one target, found at rank 2 of 3: DCG 1/L, IDCG 1
    close(scoreList([7, 1, 8], 3, targets(1), 1).ndcg, 1 / L)
  })

  it("counts a short list as it is and ignores anything past k", () => {
    // 1 of k = 5 slots filled: precision 1/5, not 1/1
    const short = scoreList([1], 5, targets(1), 1)
    close(short.precision, 1 / 5)
    close(short.ndcg, 1)
    // the hit at rank 3 is past k = 2
    const long = scoreList([8, 9, 1], 2, targets(1), 1)
    expect(long.hits).toBe(0)
    expect(long.hr).toBe(0)
    expect(long.ndcg).toBe(0)
  })

  it("is all zeros without hits, and with no targets", () => {
    expect(scoreList([5, 6], 2, targets(1), 1)).toEqual({ hits: 0, hr: 0, precision: 0, recall: 0, ndcg: 0 })
    expect(scoreList([], 3, targets(1), 1)).toEqual({ hits: 0, hr: 0, precision: 0, recall: 0, ndcg: 0 })
    const none = scoreList([5, 6], 2, targets(), 0)
    expect(none.recall).toBe(0)
    expect(none.ndcg).toBe(0)
  })
})

describe("evaluate with hand-written strategies", () => {
  // Training: {0,1}, {0,2}, {1} (customer 0 in orders 0 and 2); test: {0,1,3} by customer 0, {2} by customer 1.
  const orders: Orders = {
    nItems: 4,
    nCustomers: 2,
    offsets: Uint32Array.from([0, 2, 4, 5, 8, 9]),
    items: Uint32Array.from([0, 1, 0, 2, 1, 0, 1, 3, 2]),
    quantities: new Float32Array(9).fill(1),
    time: Float64Array.from([1, 2, 3, 4, 5]),
    customer: Int32Array.from([0, -1, 0, 0, 1]),
  }
  const { train, test } = timeSplit(orders, 0.4)

  it("asks for seeds seen in training only, with the order's other products as targets", () => {
    const seeds: number[] = []
    // item 3 is not in training: seeds 0 and 1 only. Always recommend [3, 2]:
    // seed 0: targets {1,3}: 3 @ 1 -> P 1/2, R 1/2, ndcg 1/(1 + 1/L); seed 1: targets {0,3}: same.
    const r = evaluate(train, test, [{ name: "fixed", alsoBought: (seed) => (seeds.push(seed), [3, 2]) }], { k: 2 })
    expect(seeds).toEqual([0, 1])
    const ab = r.alsoBought.fixed
    expect(ab.cases).toBe(2)
    close(ab.recall, 1 / 2)
    close(ab.ndcg, 1 / (1 + 1 / L))
    // 2 is a training product, 3 is not: coverage counts training products only: 1 / 3.
    close(ab.coverage!, 1 / 3)
  })

  it("gives for-you the customer's training lines, oldest first", () => {
    const seen: number[][] = []
    const r = evaluate(train, test, [{ name: "echo", forYou: (h) => (seen.push(Array.from(h.ids)), [...new Set(h.ids)]) }], { k: 3 })
    // customer 0: training orders 0 {0,1} and 2 {1}; customer 1 has no training order.
    expect(seen).toEqual([[0, 1, 1]])
    expect(r.forYou.echo.cases).toBe(1)
    // list [0, 1] vs targets {0,1,3}: hits @ 1, 2: P 2/3 (k = 3, short list), R 2/3,
    // DCG 1 + 1/L, IDCG 1 + 1/L + 1/2
    close(r.forYou.echo.precision, 2 / 3)
    close(r.forYou.echo.recall, 2 / 3)
    close(r.forYou.echo.ndcg, (1 + 1 / L) / (1 + 1 / L + 1 / 2))
  })

  it("reports each case's NDCG with its strategy and unit: the test order, or the customer", () => {
    const cases: [string, number, number, number][] = []
    const strategies = [
      { name: "fixed", alsoBought: () => [3, 2], forYou: () => [0, 1] },
      { name: "none", alsoBought: () => [], forYou: () => [] },
    ]
    evaluate(train, test, strategies, { k: 2, onCase: (task, s, unit, ndcg) => cases.push([task, s, unit, +ndcg.toFixed(9)]) })
    // Test order 0 (customer 0) gives both also-bought cases (as above); customer 0 is the one for-you case:
    // [0, 1] vs targets {0,1,3}, k = 2: DCG 1 + 1/L = IDCG.
    const abNdcg = +(1 / (1 + 1 / L)).toFixed(9)
    expect(cases).toEqual([
      ["alsoBought", 0, 0, abNdcg],
      ["alsoBought", 1, 0, 0],
      ["alsoBought", 0, 0, abNdcg],
      ["alsoBought", 1, 0, 0],
      ["forYou", 0, 0, 1],
      ["forYou", 1, 0, 0],
    ])
  })
})

describe("clusteredGain", () => {
  it("weighs each unit's summed difference, worked by hand", () => {
    const { units, onCase } = unitCollector(2)
    // Unit 7: two cases, strategy 1 scores 1 and 1, strategy 0 scores 0 and 1; unit 8: one case, 0 against 0.
    for (const [unit, a, b] of [[7, 0, 1], [7, 1, 1], [8, 0, 0]]) {
      onCase("forYou", 0, unit, a)
      onCase("forYou", 1, unit, b)
    }
    expect(units.forYou.get(7)).toEqual({ cases: 2, ndcg: Float64Array.from([1, 2]) })
    // Per-unit differences 1 and 0 over 3 cases: gain 1/3; variance (1 - 2/3)^2 + (0 - 1/3)^2 = 2/9.
    const { gain, se } = clusteredGain(units.forYou, 1, 0)
    expect(gain).toBeCloseTo(1 / 3, 12)
    expect(se).toBeCloseTo(Math.sqrt(2 / 9) / 3, 12)
    expect(clusteredGain(units.alsoBought, 1, 0)).toEqual({ gain: 0, se: 0 })
  })

  it("gives one unit an infinite standard error, however many cases it holds", () => {
    const { units, onCase } = unitCollector(2)
    for (const b of [1, 1, 0.5]) {
      onCase("alsoBought", 0, 3, 0)
      onCase("alsoBought", 1, 3, b)
    }
    expect(clusteredGain(units.alsoBought, 1, 0)).toEqual({ gain: 2.5 / 3, se: Infinity })
  })
})
