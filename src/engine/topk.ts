/**
 * Top-K selection from a dense score accumulator: the shared last step of every neighbour model.
 * The output slice itself is the heap, so selecting allocates nothing.
 */

/**
 * Writes the `k` best of `touched[0..nTouched)` (by `scores[id]` descending, ties by id ascending)
 * into `outIds`/`outScores` starting at `at`, best first; skips ids whose score is not above
 * `minScore`. Returns how many were written (<= k).
 */
export function selectTopK(
  scores: Float32Array | Float64Array,
  touched: ArrayLike<number>,
  nTouched: number,
  k: number,
  outIds: Uint32Array,
  outScores: Float32Array,
  at: number,
  minScore = 0
): number {
  if (k <= 0) return 0
  let size = 0
  for (let t = 0; t < nTouched; t++) {
    const id = touched[t]
    // Rounded to float32 so comparisons agree with the values already stored.
    const s = Math.fround(scores[id])
    if (!(s > minScore)) continue
    if (size < k) {
      // Sift up into a min-heap (worst at the root).
      let i = size++
      while (i > 0) {
        const p = (i - 1) >> 1
        if (!worse(s, id, outScores[at + p], outIds[at + p])) break
        outIds[at + i] = outIds[at + p]
        outScores[at + i] = outScores[at + p]
        i = p
      }
      outIds[at + i] = id
      outScores[at + i] = s
    } else if (worse(outScores[at], outIds[at], s, id)) {
      siftDown(outIds, outScores, at, size, id, s)
    }
  }
  // Heap sort: repeatedly move the worst to the end, leaving the slice best first.
  for (let end = size - 1; end > 0; end--) {
    const id = outIds[at + end]
    const s = outScores[at + end]
    outIds[at + end] = outIds[at]
    outScores[at + end] = outScores[at]
    siftDown(outIds, outScores, at, end, id, s)
  }
  return size
}

/** Is (sa, ia) ranked below (sb, ib)? */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib)
}

function siftDown(ids: Uint32Array, scores: Float32Array, at: number, size: number, id: number, s: number) {
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= size) break
    const r = l + 1
    const c = r < size && worse(scores[at + r], ids[at + r], scores[at + l], ids[at + l]) ? r : l
    if (!worse(scores[at + c], ids[at + c], s, id)) break
    ids[at + i] = ids[at + c]
    scores[at + i] = scores[at + c]
    i = c
  }
  ids[at + i] = id
  scores[at + i] = s
}
