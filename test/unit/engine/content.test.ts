import { contentNeighbours, sharedTerms } from "../../../src/engine/content"
import { tfidf } from "../../../src/engine/tfidf"
import type { Csr, Neighbours } from "../../../src/engine/types"

const csr = (rows: [number, number][][]): Csr => {
  const offsets = new Uint32Array(rows.length + 1)
  rows.forEach((r, d) => (offsets[d + 1] = offsets[d] + r.length))
  return {
    offsets,
    ids: Uint32Array.from(rows.flat().map(([t]) => t)),
    values: Float32Array.from(rows.flat().map(([, v]) => v)),
  }
}
const list = (nb: Neighbours, d: number) => {
  const out: { id: number; score: number; support: number }[] = []
  for (let i = nb.offsets[d]; i < nb.offsets[d + 1]; i++) out.push({ id: nb.ids[i], score: nb.scores[i], support: nb.support[i] })
  return out
}
const expectList = (nb: Neighbours, d: number, expected: [number, number, number][]) => {
  const actual = list(nb, d)
  expect(actual.map((x) => x.id)).toEqual(expected.map(([id]) => id))
  actual.forEach((x, i) => {
    expect(x.score).toBeCloseTo(expected[i][1], 6)
    expect(x.support).toBe(expected[i][2])
  })
}

/*
 * Unit rows over terms t0, t1, t2:
 *   d0 = (0.6, 0.8, 0), d1 = (0.8, 0.6, 0), d2 = (0, 1, 0), d3 = (0, 0, 1), d4 empty.
 * Cosines: d0.d1 = 0.48 + 0.48 = 0.96 (2 terms), d0.d2 = 0.8, d1.d2 = 0.6 (1 term); d3 and d4 share nothing.
 */
const TERMS = csr([
  [[0, 0.6], [1, 0.8]],
  [[0, 0.8], [1, 0.6]],
  [[1, 1]],
  [[2, 1]],
  [],
])

describe("contentNeighbours", () => {
  it("lists cosine neighbours best first with shared-term support, never the document itself", () => {
    const nb = contentNeighbours(TERMS)
    expectList(nb, 0, [[1, 0.96, 2], [2, 0.8, 1]])
    expectList(nb, 1, [[0, 0.96, 2], [2, 0.6, 1]])
    expectList(nb, 2, [[0, 0.8, 1], [1, 0.6, 1]])
    expectList(nb, 3, [])
    expectList(nb, 4, [])
    expect([...nb.offsets]).toEqual([0, 2, 4, 6, 6, 6])
  })

  it("keeps only the top K", () => {
    const nb = contentNeighbours(TERMS, { topK: 1 })
    expectList(nb, 0, [[1, 0.96, 2]])
    expectList(nb, 1, [[0, 0.96, 2]])
    expectList(nb, 2, [[0, 0.8, 1]])
  })

  it("drops neighbours below minSimilarity", () => {
    const nb = contentNeighbours(TERMS, { minSimilarity: 0.7 })
    expectList(nb, 1, [[0, 0.96, 2]])
    expectList(nb, 2, [[0, 0.8, 1]])
  })

  it("walks only the maxPostings heaviest postings of a term, then scores the found pairs exactly", () => {
    // Capped to 1: t0 keeps d1 (0.8 > 0.6), t1 keeps d2 (1 > 0.8, 0.6).
    // d0 reaches d1 through t0 (0.48) and d2 through t1 (0.8); rescoring gives d1 its full 0.96 and
    // puts it first. d2 reaches only itself through t1, so it loses its neighbours.
    const nb = contentNeighbours(TERMS, { maxPostings: 1 })
    expectList(nb, 0, [[1, 0.96, 2], [2, 0.8, 1]])
    expectList(nb, 1, [[2, 0.6, 1]])
    expectList(nb, 2, [])
  })

  it("breaks score ties by the lower id", () => {
    const nb = contentNeighbours(csr([[[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]]]), { topK: 2 })
    expectList(nb, 0, [[1, 1, 1], [2, 1, 1]])
    expectList(nb, 3, [[0, 1, 1], [1, 1, 1]])
  })

  it("agrees with brute-force cosine top-K on a larger random matrix", () => {
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const rows: [number, number][][] = []
    for (let d = 0; d < 300; d++) {
      const terms = new Set<number>()
      const n = 1 + Math.floor(random() * 6)
      while (terms.size < n) terms.add(Math.floor(random() * 40))
      const ids = [...terms].sort((a, b) => a - b)
      const raw = ids.map(() => 0.1 + random())
      const norm = Math.hypot(...raw)
      rows.push(ids.map((t, i) => [t, raw[i] / norm]))
    }
    const m = csr(rows)
    const nb = contentNeighbours(m, { topK: 10, minSimilarity: 0, maxPostings: 1e9 })
    const dense = rows.map((r) => {
      const v = new Float64Array(40)
      for (const [t, w] of r) v[t] = Math.fround(w)
      return v
    })
    for (let d = 0; d < rows.length; d++) {
      const expected = []
      for (let j = 0; j < rows.length; j++) {
        if (j === d) continue
        let dot = 0
        let shared = 0
        for (let t = 0; t < 40; t++) {
          dot += dense[d][t] * dense[j][t]
          if (dense[d][t] > 0 && dense[j][t] > 0) shared++
        }
        if (dot > 0) expected.push({ id: j, score: dot, support: shared })
      }
      expected.sort((a, b) => b.score - a.score || a.id - b.id)
      const actual = list(nb, d)
      expect(actual.map((x) => x.id)).toEqual(expected.slice(0, 10).map((x) => x.id))
      expect(actual.map((x) => x.score)).toEqual(expected.slice(0, 10).map((x) => expect.closeTo(x.score, 6)))
      expect(actual.map((x) => x.support)).toEqual(expected.slice(0, 10).map((x) => x.support))
    }
  })

  it("handles an empty matrix", () => {
    const nb = contentNeighbours(csr([]))
    expect([...nb.offsets]).toEqual([0])
    expect(nb.ids.length).toBe(0)
  })
})

describe("sharedTerms", () => {
  // With tfidf.test.ts's hand-computed rows: d0 = (linen 0.7898069, cushion 0.6133555),
  // d1 = (linen 0.8312304, cushion 0.4841434, washed 0.2732420), d2 = (cushion, cotton 0.7071068 each).
  // d0 and d1 share linen (0.6565115) and cushion (0.2969520); d0 and d2 only cushion.
  const { terms, vocabulary } = tfidf(
    [{ title: "Linen cushion" }, { title: "Linen cushions", description: "Washed linen." }, { title: "Cotton cushion, cushion" }],
    { maxDocumentFrequency: 1, keepDocumentCount: 0 }
  )

  it("names the shared terms by their contribution to the cosine", () => {
    expect(sharedTerms(terms, vocabulary, 0, 1)).toEqual(["linen", "cushion"])
    expect(sharedTerms(terms, vocabulary, 1, 0)).toEqual(["linen", "cushion"])
    expect(sharedTerms(terms, vocabulary, 0, 2)).toEqual(["cushion"])
  })

  it("stops at max and returns nothing for unrelated documents", () => {
    expect(sharedTerms(terms, vocabulary, 0, 1, 1)).toEqual(["linen"])
    const other = tfidf([{ title: "Lamp" }, { title: "Rug" }])
    expect(sharedTerms(other.terms, other.vocabulary, 0, 1)).toEqual([])
  })

  it("matches the tfidf cosine the neighbours report", () => {
    const nb = contentNeighbours(terms)
    // 0.6565115 + 0.2969520 = 0.9534636
    expect(list(nb, 0)[0]).toEqual({ id: 1, score: expect.closeTo(0.9534636, 6), support: 2 })
  })
})
