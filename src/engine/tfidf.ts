/**
 * Product documents to an L2-normalised TF-IDF matrix (documents x terms).
 *
 *   weight(d, t) = idf(t) * sum over fields f of fieldWeight(f) * (1 + ln count(f, d, t))
 *   idf(t)       = ln((1 + N) / (1 + df(t))) + 1
 *
 * Term frequency is sublinear within a field (a description repeating "linen" says little more)
 * but adds up across fields (a title word that is also a tag is a stronger signal).
 *
 * Tags, categories, type and collection are split into words like the text fields, not kept as
 * whole phrases: a "Linen" tag then reinforces the title's "linen" as one term, reasons read as
 * plain words, and exact category and tag matches are already the Catalog's job (rules, diversity).
 */
import { CONTENT } from "./params"
import { stem, words } from "./tokenize"
import type { Csr, ProductDocument } from "./types"

export type ContentParams = typeof CONTENT

export function tfidf(docs: ProductDocument[], params: Partial<ContentParams> = {}): { terms: Csr; vocabulary: string[] } {
  const p = { ...CONTENT, ...params }
  const fw = p.fieldWeights
  const nDocs = docs.length

  // Distinct words are stemmed once; stems get ids in order of first appearance.
  const wordIds = new Map<string, number>()
  const wordStem: number[] = []
  const wordCount: number[] = []
  const stemIds = new Map<string, number>()
  const df: number[] = []
  // Scratch per stem: occurrences in the current field, weighted tf in the current document.
  const fieldCount: number[] = []
  const docTf: number[] = []
  const fieldTouched: number[] = []
  const docTouched: number[] = []

  const rowOffsets = new Uint32Array(nDocs + 1)
  const entryStem: number[] = []
  const entryTf: number[] = []

  const addField = (text: string | undefined, weight: number) => {
    if (!text || !(weight > 0)) return
    for (const word of words(text)) {
      let w = wordIds.get(word)
      if (w === undefined) {
        const s = stem(word)
        let id = stemIds.get(s)
        if (id === undefined) {
          id = stemIds.size
          stemIds.set(s, id)
          df.push(0)
          fieldCount.push(0)
          docTf.push(0)
        }
        w = wordStem.length
        wordIds.set(word, w)
        wordStem.push(id)
        wordCount.push(0)
      }
      wordCount[w]++
      const id = wordStem[w]
      if (fieldCount[id]++ === 0) fieldTouched.push(id)
    }
    for (const id of fieldTouched) {
      if (docTf[id] === 0) docTouched.push(id)
      docTf[id] += weight * (1 + Math.log(fieldCount[id]))
      fieldCount[id] = 0
    }
    fieldTouched.length = 0
  }
  const addFields = (texts: string[] | undefined, weight: number) => {
    if (texts) for (const text of texts) addField(text, weight)
  }

  for (let d = 0; d < nDocs; d++) {
    const doc = docs[d]
    addField(doc.title, fw.title)
    addField(doc.subtitle, fw.subtitle)
    addField(doc.description, fw.description)
    addFields(doc.tags, fw.tags)
    addField(doc.type, fw.type)
    addFields(doc.categories, fw.categories)
    addField(doc.collection, fw.collection)
    if (doc.metadata) addFields(Object.values(doc.metadata), fw.metadata)
    docTouched.sort((a, b) => a - b)
    for (const id of docTouched) {
      entryStem.push(id)
      entryTf.push(docTf[id])
      df[id]++
      docTf[id] = 0
    }
    docTouched.length = 0
    rowOffsets[d + 1] = entryStem.length
  }

  // Terms in too many documents say nothing; small catalogues keep theirs (keepDocumentCount).
  const nStems = df.length
  const maxDf = Math.max(p.maxDocumentFrequency * nDocs, p.keepDocumentCount)
  const termOf = new Int32Array(nStems).fill(-1)
  const idf = new Float64Array(nStems)
  let nTerms = 0
  for (let s = 0; s < nStems; s++) {
    if (df[s] > maxDf) continue
    termOf[s] = nTerms++
    idf[s] = Math.log((1 + nDocs) / (1 + df[s])) + 1
  }

  // The most frequent surface word of each stem is what reasons show.
  const vocabulary: string[] = new Array(nTerms)
  const best = new Float64Array(nTerms)
  for (const [word, w] of wordIds) {
    const t = termOf[wordStem[w]]
    if (t >= 0 && wordCount[w] > best[t]) {
      best[t] = wordCount[w]
      vocabulary[t] = word
    }
  }

  // Term ids keep the stems' order, so rows stay sorted.
  let nnz = 0
  for (let e = 0; e < entryStem.length; e++) if (termOf[entryStem[e]] >= 0) nnz++
  const offsets = new Uint32Array(nDocs + 1)
  const ids = new Uint32Array(nnz)
  const values = new Float32Array(nnz)
  let at = 0
  for (let d = 0; d < nDocs; d++) {
    const start = at
    let norm = 0
    for (let e = rowOffsets[d]; e < rowOffsets[d + 1]; e++) {
      const s = entryStem[e]
      if (termOf[s] < 0) continue
      const v = entryTf[e] * idf[s]
      ids[at] = termOf[s]
      values[at++] = v
      norm += v * v
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let i = start; i < at; i++) values[i] *= scale
    offsets[d + 1] = at
  }
  return { terms: { offsets, ids, values }, vocabulary }
}
