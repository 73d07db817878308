import { fillFallbacks } from "../../../src/engine/fallback"
import { cand, catalogOf, ids, modelOf } from "./fixture"

const model = modelOf()
const catalog = catalogOf()
const ctx = (seeds: number[], extra: (id: number) => boolean = () => false, minScore = 0) => ({
  model,
  catalog,
  seeds,
  isBlocked: (id: number) => seeds.includes(id) || extra(id),
  minScore,
})

describe("fillFallbacks", () => {
  it("leaves a full list alone", () => {
    const list = [cand(1, 0.9), cand(2, 0.5)]
    expect(fillFallbacks(list, 2, ["trending"], ctx([0]))).toEqual(list)
  })

  it("appends the seed's co-purchase neighbours, skipping listed ones, with their scores", () => {
    // Row of 0: 1 (0.5), 2 (0.3), 3 (0.1).
    const out = fillFallbacks([cand(2, 0.4)], 3, ["cooccurrence"], ctx([0]))
    expect(out.map((c) => [c.id, +c.score.toFixed(6), c.sources])).toEqual([
      [2, 0.4, {}],
      [1, 0.5, { cooccurrence: 0.5 }],
      [3, 0.1, { cooccurrence: Math.fround(0.1) }], // scores are float32
    ])
  })

  it("merges several seeds' rows best score first and skips blocked items", () => {
    // Rows of 0 and 3: 4 (0.6), 1 (0.5), 2 (0.3), 1 (0.2), 0 (0.15, a seed), 3 (0.1, a seed).
    expect(ids(fillFallbacks([], 3, ["cooccurrence"], ctx([0, 3])))).toEqual([4, 1, 2])
    expect(ids(fillFallbacks([], 5, ["cooccurrence"], ctx([0, 3], (id) => id === 1)))).toEqual([4, 2])
  })

  it("walks the chain in order until the list is full", () => {
    // Content row of 0: 2, 5, 1; then trending: 6, 0 (seed), 1, 3.
    const out = fillFallbacks([], 5, ["content", "trending"], ctx([0], (id) => id === 5))
    expect(ids(out)).toEqual([2, 1, 6, 3])
    expect(out[2].sources).toEqual({ trending: 0.5 })
    expect(ids(fillFallbacks([], 2, ["trending", "content"], ctx([0])))).toEqual([6, 1])
  })

  it("reads the trending rows of the seeds' categories", () => {
    // Seed 2 is in categories 0 (trending 0: 0.4, 1: 0.3) and 1 (none); seed 4 in 2 (3: 0.2).
    const out = fillFallbacks([], 5, ["category_trending"], ctx([2, 4]))
    expect(ids(out)).toEqual([0, 1, 3])
    expect(out[0].sources.category_trending).toBeCloseTo(0.4, 6)
    expect(ids(fillFallbacks([], 5, ["category_trending"], { ...ctx([2]), catalog: undefined }))).toEqual([])
  })

  it("drops weak blended items but never pins or appended items", () => {
    const list = [cand(1, 0.05), cand(6, 0, { rule: 1 }, 0), cand(2, 0.5)]
    // 1 goes (0.05 < 0.1) and stays out; trending (6, 0, 1, 3) fills with 0 and 3.
    const out = fillFallbacks(list, 4, ["trending"], ctx([], () => false, 0.1))
    expect(out.map((c) => [c.id, Object.keys(c.sources)])).toEqual([
      [6, ["rule"]],
      [2, []],
      [0, ["trending"]],
      [3, ["trending"]],
    ])
  })

  it("keeps a pin's position once the list is filled", () => {
    // MMR had too few items, so the pin for position 2 sat last.
    const out = fillFallbacks([cand(1, 0.9), cand(7, 0, { rule: 1 }, 2)], 4, ["trending"], ctx([0]))
    expect(ids(out)).toEqual([1, 6, 7, 3])
  })
})
