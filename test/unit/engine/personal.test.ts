import { PERSONAL } from "../../../src/engine/params"
import { personalScores, type Interactions, type PersonalParams } from "../../../src/engine/personal"
import { neighbours } from "./fixture"
import { DAY, NOW } from "./orders-fixture"

/** Co-purchase rows (exact in float32): 0 -> 2 (0.5), 1 (0.25); 1 -> 3 (0.5); 4 -> 0 (0.5). */
const NB = neighbours(5, [
  [0, 2, 0.5, 3],
  [0, 1, 0.25, 1],
  [1, 3, 0.5, 2],
  [4, 0, 0.5, 2],
])

const PARAMS: PersonalParams = { halfLifeDays: 120, repeatWeight: 1, neighbourWeight: 0.2, maxHistory: 50, neighbourDepth: 100, maxEvents: 1000 }

/** A bought one half-life (120 days) ago and again at NOW; B bought once at NOW. */
const A = 0
const B = 1
const HISTORY: Interactions = { ids: [A, B, A], time: [NOW - 120 * DAY, NOW, NOW] }

function run(history: Interactions, params: PersonalParams = PARAMS, now = NOW, n = 5) {
  const acc = new Float64Array(n)
  const touched = new Uint32Array(n)
  const count = personalScores(NB, history, now, acc, touched, params)
  return { count, acc: [...acc], touched: [...touched.slice(0, count)] }
}

describe("personalScores", () => {
  it("scores repeat items by their recency-weighted share of the history", () => {
    // A: 0.5 (one half-life old) + 1 = 1.5; B: 1; total 2.5. Shares: A 0.6, B 0.4.
    const r = run(HISTORY, { ...PARAMS, neighbourWeight: 0 })
    expect(r.acc[A]).toBeCloseTo(0.6, 10)
    expect(r.acc[B]).toBeCloseTo(0.4, 10)
    // Without the old purchase's decay (both A purchases at NOW): A 2/3, B 1/3.
    const fresh = run({ ids: [A, B, A], time: [NOW, NOW, NOW] }, { ...PARAMS, neighbourWeight: 0 })
    expect(fresh.acc[A]).toBeCloseTo(2 / 3, 10)
    expect(fresh.acc[B]).toBeCloseTo(1 / 3, 10)
    // repeatWeight scales the repeat part: 0.5 * 0.6 = 0.3.
    expect(run(HISTORY, { ...PARAMS, neighbourWeight: 0, repeatWeight: 0.5 }).acc[A]).toBeCloseTo(0.3, 10)
  })

  it("adds each history item's neighbours at neighbourWeight * share * neighbour score", () => {
    const r = run(HISTORY)
    // A (share 0.6) expands with 0.2 * 0.6 = 0.12: 2 += 0.12 * 0.5 = 0.06, B += 0.12 * 0.25 = 0.03.
    // B (share 0.4) expands with 0.2 * 0.4 = 0.08: 3 += 0.08 * 0.5 = 0.04.
    expect(r.acc).toEqual([0.6, 0.43, 0.06, 0.04, 0].map((v) => expect.closeTo(v, 10)))
    // Repeat items first, then the neighbours in expansion order (A's row, then B's).
    expect(r.count).toBe(4)
    expect(r.touched).toEqual([A, B, 2, 3])
    // neighbourWeight 0.5: 2 = 0.5 * 0.6 * 0.5 = 0.15, B = 0.4 + 0.5 * 0.6 * 0.25 = 0.475, 3 = 0.5 * 0.4 * 0.5 = 0.1.
    expect(run(HISTORY, { ...PARAMS, neighbourWeight: 0.5 }).acc).toEqual([0.6, 0.475, 0.15, 0.1, 0].map((v) => expect.closeTo(v, 10)))
  })

  it("expands only the maxHistory strongest history items", () => {
    // maxHistory 1: only A (share 0.6 > 0.4) expands; 3, reached only from B, stays at 0.
    const r = run(HISTORY, { ...PARAMS, maxHistory: 1 })
    expect(r.acc).toEqual([0.6, 0.43, 0.06, 0, 0].map((v) => expect.closeTo(v, 10)))
    expect(r.touched).toEqual([A, B, 2])
    // Strength is the decayed share, not recency of the last event: B bought twice 1 day ago
    // (2 * 2^(-1/120) = 1.988) outweighs A bought once now (1), so B expands and A does not.
    const h = { ids: [B, B, A], time: [NOW - DAY, NOW - DAY, NOW] }
    const b = run(h, { ...PARAMS, maxHistory: 1 })
    const wB = 2 * Math.pow(2, -1 / 120)
    expect(b.acc[3]).toBeCloseTo((0.2 * wB) / (wB + 1) * 0.5, 10)
    expect(b.acc[2]).toBe(0)
    expect(b.touched).toEqual([A, B, 3]) // history read newest first
  })

  it("weighs events by their weight (a view less than a purchase)", () => {
    // A purchase of A (1) and a view of B (0.25), both now: shares 0.8 and 0.2.
    const r = run({ ids: [A, B], time: [NOW, NOW], weight: [1, 0.25] }, { ...PARAMS, neighbourWeight: 0 })
    expect(r.acc[A]).toBeCloseTo(0.8, 10)
    expect(r.acc[B]).toBeCloseTo(0.2, 10)
  })

  it("counts future events as new and uses the production half-life by default", () => {
    // An event after now weighs 1, not more.
    const r = run({ ids: [A, B], time: [NOW + 10 * DAY, NOW] }, { ...PARAMS, neighbourWeight: 0 })
    expect(r.acc[A]).toBeCloseTo(0.5, 10)
    // Default params: half-life PERSONAL.halfLifeDays, so A bought one half-life ago weighs 0.5 against B's 1.
    const acc = new Float64Array(5)
    personalScores(NB, { ids: [A, B], time: [NOW - PERSONAL.halfLifeDays * DAY, NOW] }, NOW, acc, new Uint32Array(5))
    // Repeat: A = 0.5 / 1.5 = 1/3, plus nothing from B's row (B -> 3 only).
    expect(acc[A]).toBeCloseTo(1 / 3, 10)
  })

  it("returns 0 for an empty history and expands items from their own row", () => {
    expect(run({ ids: [], time: [] })).toEqual({ count: 0, acc: [0, 0, 0, 0, 0], touched: [] })
    // A history item with no neighbour row still gets its repeat share: 4 -> 0 (0.5) adds 0.2 * 0.5 to 0.
    const r = run({ ids: [4], time: [NOW] })
    expect(r.acc).toEqual([0.1, 0, 0, 0, 1].map((v) => expect.closeTo(v, 10)))
    expect(r.touched).toEqual([4, 0])
  })
})
