/**
 * Content neighbours: the top-K documents by TF-IDF cosine for every document.
 *
 * Rows are L2-normalised, so the cosine is the dot product. Each row walks the posting lists of
 * its terms and accumulates w(d, t) * w(j, t) into a dense accumulator with a touched list. A
 * posting list longer than `maxPostings` keeps only its highest-weight postings (the documents the
 * term matters most to), so a row costs at most terms x maxPostings and the whole run grows
 * linearly with the catalogue. The selected neighbours are then rescored exactly against the
 * full rows, so published scores and support never depend on the cap; only who is found does.
 */
import { CONTENT } from "./params"
import type { ContentParams } from "./tfidf"
import { selectTopK } from "./topk"
import type { Csr, Neighbours } from "./types"

/** Score histogram resolution for the selection floor (cosines are in [0, 1]). */
const BINS = 256

/** `terms` must hold positive weights in L2-normalised rows sorted by term id, as `tfidf` makes them. */
export function contentNeighbours(terms: Csr, params: Partial<ContentParams> = {}): Neighbours {
  const { topK: k, maxPostings, minSimilarity } = { ...CONTENT, ...params }
  const { offsets, ids, values } = terms
  const nDocs = offsets.length - 1
  const { offsets: postOffsets, docs: postDocs, weights: postWeights } = postings(terms, maxPostings)

  const outOffsets = new Uint32Array(nDocs + 1)
  const capacity = nDocs * Math.min(k, Math.max(nDocs - 1, 0))
  const outIds = new Uint32Array(capacity)
  const outScores = new Float32Array(capacity)
  const outSupport = new Uint32Array(capacity)
  const acc = new Float32Array(nDocs)
  const touched = new Uint32Array(nDocs)
  const candidates = new Uint32Array(nDocs)
  const hist = new Int32Array(BINS + 1)
  const row = new Float32Array(postOffsets.length - 1)
  let n = 0
  for (let d = 0; d < nDocs; d++) {
    let nTouched = 0
    for (let e = offsets[d]; e < offsets[d + 1]; e++) {
      const t = ids[e]
      const w = values[e]
      for (let q = postOffsets[t], end = postOffsets[t + 1]; q < end; q++) {
        const j = postDocs[q]
        if (j === d) continue
        // Weights are positive, so a zero accumulator means "not touched yet".
        const before = acc[j]
        if (before === 0) touched[nTouched++] = j
        const after = before + w * postWeights[q]
        acc[j] = after
        // The score histogram follows every update; bin 0 may go negative, harmlessly: reaching it means no floor.
        hist[(before * BINS) | 0]--
        hist[(after * BINS) | 0]++
      }
    }
    // The histogram gives a floor the k best all clear, so the heap only sees those.
    let bin = BINS
    for (let above = hist[bin]; bin > 0 && above < k; ) above += hist[--bin]
    const floor = Math.max(bin / BINS, minSimilarity)
    hist.fill(0)
    let nCandidates = 0
    for (let i = 0; i < nTouched; i++) {
      const j = touched[i]
      if (acc[j] >= floor) candidates[nCandidates++] = j
      else acc[j] = 0
    }
    const found = selectTopK(acc, candidates, nCandidates, k, outIds, outScores, n, minSimilarity)
    for (let i = 0; i < nCandidates; i++) acc[candidates[i]] = 0
    // Exact rescoring against d's terms scattered into a dense row: no merge branches.
    for (let e = offsets[d]; e < offsets[d + 1]; e++) row[ids[e]] = values[e]
    for (let i = n; i < n + found; i++) {
      const j = outIds[i]
      let dot = 0
      let shared = 0
      for (let e = offsets[j]; e < offsets[j + 1]; e++) {
        const w = row[ids[e]]
        dot += w * values[e]
        shared += w > 0 ? 1 : 0
      }
      outScores[i] = dot
      outSupport[i] = shared
    }
    for (let e = offsets[d]; e < offsets[d + 1]; e++) row[ids[e]] = 0
    sortRow(outIds, outScores, outSupport, n, n + found)
    n += found
    outOffsets[d + 1] = n
  }
  return { offsets: outOffsets, ids: outIds.slice(0, n), scores: outScores.slice(0, n), support: outSupport.slice(0, n) }
}

/**
 * The terms documents `a` and `b` share, largest contribution to their cosine first, as display
 * words for reasons ("shares: linen, cushion").
 */
export function sharedTerms(terms: Csr, vocabulary: string[], a: number, b: number, max = 3): string[] {
  const { offsets, ids, values } = terms
  const shared: { term: number; contribution: number }[] = []
  for (let i = offsets[a], j = offsets[b]; i < offsets[a + 1] && j < offsets[b + 1]; ) {
    if (ids[i] < ids[j]) i++
    else if (ids[i] > ids[j]) j++
    else {
      shared.push({ term: ids[i], contribution: values[i++] * values[j++] })
    }
  }
  shared.sort((x, y) => y.contribution - x.contribution || x.term - y.term)
  return shared.slice(0, max).map((s) => vocabulary[s.term])
}

/** Term -> documents (with weights) in document order, each list capped to its `cap` heaviest. */
function postings(terms: Csr, cap: number): { offsets: Uint32Array; docs: Uint32Array; weights: Float32Array } {
  const { offsets, ids, values } = terms
  const nDocs = offsets.length - 1
  let nTerms = 0
  for (let e = 0; e < ids.length; e++) if (ids[e] >= nTerms) nTerms = ids[e] + 1
  const start = new Uint32Array(nTerms + 1)
  for (let e = 0; e < ids.length; e++) start[ids[e] + 1]++
  for (let t = 0; t < nTerms; t++) start[t + 1] += start[t]
  const fill = start.slice(0, nTerms)
  const docs = new Uint32Array(ids.length)
  const weights = new Float32Array(ids.length)
  for (let d = 0; d < nDocs; d++) {
    for (let e = offsets[d]; e < offsets[d + 1]; e++) {
      const q = fill[ids[e]]++
      docs[q] = d
      weights[q] = values[e]
    }
  }

  // Compacted in place: a capped list only ever moves towards the front.
  const capped = new Uint32Array(nTerms + 1)
  let at = 0
  for (let t = 0; t < nTerms; t++) {
    const from = start[t]
    const to = start[t + 1]
    let threshold = -Infinity
    let atThreshold = 0
    if (to - from > cap) {
      // The cap-th largest weight; postings equal to it are taken first-come until the cap is full.
      const sorted = weights.slice(from, to).sort()
      threshold = sorted[to - from - cap]
      let above = 0
      for (let q = from; q < to; q++) if (weights[q] > threshold) above++
      atThreshold = cap - above
    }
    for (let q = from; q < to; q++) {
      const w = weights[q]
      if (w < threshold || (w === threshold && atThreshold-- <= 0)) continue
      docs[at] = docs[q]
      weights[at++] = w
    }
    capped[t + 1] = at
  }
  return { offsets: capped, docs, weights }
}

/** Insertion sort of one output row by score descending, ties by id: rescoring barely reorders it. */
function sortRow(ids: Uint32Array, scores: Float32Array, support: Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const id = ids[i]
    const s = scores[i]
    const c = support[i]
    let j = i - 1
    while (j >= from && (scores[j] < s || (scores[j] === s && ids[j] > id))) {
      ids[j + 1] = ids[j]
      scores[j + 1] = scores[j]
      support[j + 1] = support[j]
      j--
    }
    ids[j + 1] = id
    scores[j + 1] = s
    support[j + 1] = c
  }
}
