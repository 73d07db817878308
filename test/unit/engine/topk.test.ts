import { selectTopK } from "../../../src/engine/topk"

/** Runs selectTopK into fresh buffers of `size` (filled with a sentinel) and returns what it wrote. */
function top(scores: number[] | Float32Array, touched: number[], k: number, minScore?: number, at = 0, size = 16) {
  const s = scores instanceof Float32Array ? scores : Float64Array.from(scores)
  const outIds = new Uint32Array(size).fill(99)
  const outScores = new Float32Array(size).fill(-1)
  const n = selectTopK(s, touched, touched.length, k, outIds, outScores, at, minScore)
  return { n, ids: [...outIds.slice(at, at + n)], scores: [...outScores.slice(at, at + n)], outIds, outScores }
}

// Exactly representable in float32, so no rounding blurs the expected values.
//            id:  0      1    2     3    4  5     6      7
const SCORES = [0.125, 0.5, 0.25, 0.5, 0, 0.75, -0.25, 0.25]
const ALL = [0, 1, 2, 3, 4, 5, 6, 7]

describe("selectTopK", () => {
  it("orders by score descending, ties by id ascending", () => {
    // 5 (0.75) > 1 = 3 (0.5, 1 first) > 2 = 7 (0.25, 2 first) > 0 (0.125); 4 (0) and 6 (<0) are not above 0.
    const r = top(SCORES, ALL, 10)
    expect(r.n).toBe(6)
    expect(r.ids).toEqual([5, 1, 3, 2, 7, 0])
    expect(r.scores).toEqual([0.75, 0.5, 0.5, 0.25, 0.25, 0.125])
  })

  it("does not depend on the order of the touched list", () => {
    expect(top(SCORES, [7, 6, 5, 4, 3, 2, 1, 0], 10).ids).toEqual([5, 1, 3, 2, 7, 0])
    expect(top(SCORES, [3, 0, 7, 5, 2, 1], 10).ids).toEqual([5, 1, 3, 2, 7, 0])
  })

  it("keeps only the k best when there are more candidates", () => {
    // k = 2: 5 then the lower id of the 0.5 tie.
    expect(top(SCORES, ALL, 2).ids).toEqual([5, 1])
    // k = 4 cuts inside the 0.25 tie: 2 stays, 7 goes.
    expect(top(SCORES, [7, 2, 3, 1, 5, 0], 4).ids).toEqual([5, 1, 3, 2])
    expect(top(SCORES, ALL, 1)).toMatchObject({ n: 1, ids: [5], scores: [0.75] })
  })

  it("replaces the worst of a full heap by a tie with a lower id", () => {
    // All five score 1: the two lowest ids win whatever the arrival order.
    const s = new Array(10).fill(1)
    expect(top(s, [9, 3, 7, 1, 5], 2).ids).toEqual([1, 3])
    expect(top(s, [1, 3, 9, 7, 5], 2).ids).toEqual([1, 3])
    expect(top(s, [9, 7, 5, 3, 1], 3).ids).toEqual([1, 3, 5])
  })

  it("returns all positive candidates when k is larger, and nothing for k = 0", () => {
    expect(top(SCORES, [0, 4, 6], 10)).toMatchObject({ n: 1, ids: [0] })
    // k = 0 writes nothing, not even into the slot at `at`.
    const none = top(SCORES, ALL, 0)
    expect(none.n).toBe(0)
    expect([...none.outIds]).toEqual(new Array(16).fill(99))
    expect(top(SCORES, [], 5).n).toBe(0)
  })

  it("reads only the first nTouched entries of touched", () => {
    const outIds = new Uint32Array(4)
    const outScores = new Float32Array(4)
    // touched holds 5 at index 3, but only the first 3 entries (0, 1, 2) count.
    const n = selectTopK(Float64Array.from(SCORES), [0, 1, 2, 5], 3, 4, outIds, outScores, 0)
    expect(n).toBe(3)
    expect([...outIds.slice(0, 3)]).toEqual([1, 2, 0])
  })

  it("keeps only scores strictly above minScore", () => {
    // minScore 0.25: 0.25 itself is not above it, so 2 and 7 go.
    expect(top(SCORES, ALL, 10, 0.25).ids).toEqual([5, 1, 3])
    expect(top(SCORES, ALL, 10, 0.5).ids).toEqual([5])
    expect(top(SCORES, ALL, 10, 0.75).ids).toEqual([])
    // -Infinity keeps zero and negative scores too: 4 (0) before 6 (-0.25).
    expect(top(SCORES, ALL, 10, -Infinity).ids).toEqual([5, 1, 3, 2, 7, 0, 4, 6])
    // NaN is never above anything.
    expect(top([NaN, 0.5], [0, 1], 10, -Infinity).ids).toEqual([1])
  })

  it("writes at an offset of a shared output array and leaves the rest alone", () => {
    const r = top(SCORES, ALL, 3, 0, 5, 12)
    expect(r.n).toBe(3)
    expect([...r.outIds]).toEqual([99, 99, 99, 99, 99, 5, 1, 3, 99, 99, 99, 99])
    expect([...r.outScores]).toEqual([-1, -1, -1, -1, -1, 0.75, 0.5, 0.5, -1, -1, -1, -1])
  })

  it("fills consecutive rows of one array, as the neighbour models do", () => {
    const outIds = new Uint32Array(6)
    const outScores = new Float32Array(6)
    const s = Float64Array.from(SCORES)
    let n = selectTopK(s, [0, 1, 2], 3, 2, outIds, outScores, 0) // row 1: 1, 2
    n += selectTopK(s, [7, 5, 3, 6], 4, 2, outIds, outScores, n) // row 2: 5, 3
    n += selectTopK(s, [4, 0], 2, 2, outIds, outScores, n) // row 3: 0 (4 scores 0)
    expect(n).toBe(5)
    expect([...outIds.slice(0, n)]).toEqual([1, 2, 5, 3, 0])
    expect([...outScores.slice(0, n)]).toEqual([0.5, 0.25, 0.75, 0.5, 0.125])
  })

  it("rounds scores to float32 and compares the rounded values", () => {
    // 0.1 + 1e-12 and 0.1 round to the same float32, so they tie and the lower id leads.
    const r = top([0.1 + 1e-12, 0.1], [0, 1], 10)
    expect(r.ids).toEqual([0, 1])
    expect(r.scores).toEqual([Math.fround(0.1), Math.fround(0.1)])
    expect(top([0.1, 0.1 + 1e-12], [0, 1], 10).ids).toEqual([0, 1])
    // Float32 input is accepted as is.
    expect(top(Float32Array.from([0.25, 0.5]), [0, 1], 10).ids).toEqual([1, 0])
  })

  it("agrees with a full sort on many small ties", () => {
    // Deterministic pseudo-random scores from a few levels, so ties are common.
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 40)
      const scores = Array.from({ length: n }, () => Math.floor(rand() * 5) / 4 - 0.25)
      const touched = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5)
      const k = Math.floor(rand() * 12)
      const expected = touched
        .filter((i) => scores[i] > 0)
        .sort((a, b) => scores[b] - scores[a] || a - b)
        .slice(0, k)
      expect(top(scores, touched, k, 0, 0, 64).ids).toEqual(expected)
    }
  })
})
