import { CONTENT } from "../../../src/engine/params"
import { tfidf } from "../../../src/engine/tfidf"
import type { Csr } from "../../../src/engine/types"

const row = (m: Csr, d: number) => ({
  ids: [...m.ids.subarray(m.offsets[d], m.offsets[d + 1])],
  values: [...m.values.subarray(m.offsets[d], m.offsets[d + 1])],
})
const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6))
}

/*
 * Three documents, every term kept (maxDocumentFrequency 1, keepDocumentCount 0), default field
 * weights title 3, description 1. N = 3, idf = ln(4 / (1 + df)) + 1.
 *
 *   d0  title "Linen cushion"                           linen 3, cushion 3
 *   d1  title "Linen cushions", description "Washed linen."
 *                                                       linen 3 + 1 = 4, cushion 3, washed 1
 *   d2  title "Cotton cushion, cushion"                 cushion 3 (1 + ln 2) = 5.0794415, cotton 3
 *
 *   df: linen 2, cushion 3, washed 1, cotton 1
 *   idf: linen ln(4/3) + 1 = 1.2876821, cushion 1, washed = cotton = ln 2 + 1 = 1.6931472
 *
 *   d0 = (3.8630462, 3) / 4.8911272                   = (0.7898069, 0.6133555)
 *   d1 = (5.1507283, 3, 1.6931472) / 6.1965111        = (0.8312304, 0.4841434, 0.2732420)
 *   d2 = (5.0794415, 5.0794415) / 7.1834151           = (0.7071068, 0.7071068)   as 1 + ln 2 = idf(cotton)
 */
const DOCS = [
  { title: "Linen cushion" },
  { title: "Linen cushions", description: "Washed linen." },
  { title: "Cotton cushion, cushion" },
]
const KEEP_ALL = { maxDocumentFrequency: 1, keepDocumentCount: 0 }

describe("tfidf", () => {
  it("weights fields, damps repeats, applies smooth idf and L2-normalises (hand-computed)", () => {
    const { terms, vocabulary } = tfidf(DOCS, KEEP_ALL)
    expect(vocabulary).toEqual(["linen", "cushion", "washed", "cotton"])
    expect([...terms.offsets]).toEqual([0, 2, 5, 7])
    expect(row(terms, 0).ids).toEqual([0, 1])
    close(row(terms, 0).values, [0.7898069, 0.6133555])
    expect(row(terms, 1).ids).toEqual([0, 1, 2])
    close(row(terms, 1).values, [0.8312304, 0.4841434, 0.273242])
    expect(row(terms, 2).ids).toEqual([1, 3])
    close(row(terms, 2).values, [0.7071068, 0.7071068])
  })

  it("drops terms in more than maxDocumentFrequency of documents, unless within keepDocumentCount", () => {
    // 0.5 * 3 = 1.5: linen (df 2) and cushion (df 3) go; d0 is left with no terms.
    const strict = tfidf(DOCS, { maxDocumentFrequency: 0.5, keepDocumentCount: 0 })
    expect(strict.vocabulary).toEqual(["washed", "cotton"])
    expect([...strict.terms.offsets]).toEqual([0, 0, 1, 2])
    close([...strict.terms.values], [1, 1])
    // keepDocumentCount 2 raises the bar to 2 documents: linen comes back, cushion stays out.
    const lenient = tfidf(DOCS, { maxDocumentFrequency: 0.5, keepDocumentCount: 2 })
    expect(lenient.vocabulary).toEqual(["linen", "washed", "cotton"])
    // d1 = (4 * 1.2876821, 1 * 1.6931472) / 5.4218769 = (0.9499899, 0.3122806)
    close(row(lenient.terms, 1).values, [0.9499899, 0.3122806])
  })

  it("reads tags, type, categories, collection and metadata as words merged with the text's terms", () => {
    // One document, so every idf is ln(2/2) + 1 = 1. Terms in order of first appearance:
    // cushion 3 (title) + 2 (tag) = 5, linen 2 (tag) + 1 (metadata) = 3, decor 1.5 (type),
    // home 2 (category), summer 1.5 (collection); norm sqrt(25 + 9 + 2.25 + 4 + 2.25) = 6.5192024.
    const { terms, vocabulary } = tfidf([
      { title: "Cushion", tags: ["Linen cushion"], type: "Decor", categories: ["Home"], collection: "Summer", metadata: { material: "linen" } },
    ])
    expect(vocabulary).toEqual(["cushion", "linen", "decor", "home", "summer"])
    close(row(terms, 0).values, [0.7669650, 0.4601790, 0.2300895, 0.3067860, 0.2300895])
  })

  it("ignores fields weighted 0", () => {
    const { vocabulary } = tfidf(DOCS, { ...KEEP_ALL, fieldWeights: { ...CONTENT.fieldWeights, description: 0 } })
    expect(vocabulary).toEqual(["linen", "cushion", "cotton"])
  })

  it("shows each stem as its most frequent surface word", () => {
    const { vocabulary } = tfidf([{ title: "Cushions" }, { title: "cushions" }, { title: "cushion" }], KEEP_ALL)
    expect(vocabulary).toEqual(["cushions"])
  })

  it("handles no documents and empty documents", () => {
    const none = tfidf([])
    expect([...none.terms.offsets]).toEqual([0])
    expect(none.vocabulary).toEqual([])
    const empty = tfidf([{}, { title: "the of 12" }, { title: "Lamp" }])
    expect([...empty.terms.offsets]).toEqual([0, 0, 0, 1])
    expect(empty.vocabulary).toEqual(["lamp"])
  })

  it("keeps rows sorted by term id and unit length", () => {
    const { terms } = tfidf(
      [{ title: "zinc lamp" }, { title: "amber lamp zinc", description: "lamp of zinc and amber glass" }, { title: "glass amber" }],
      KEEP_ALL
    )
    for (let d = 0; d < 3; d++) {
      const { ids, values } = row(terms, d)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      expect(Math.hypot(...values)).toBeCloseTo(1, 6)
    }
  })
})
