/**
 * Top-K selection: bounded min-heaps stored in slices of plain typed arrays (the output slice
 * itself is the heap, so selecting allocates nothing). Order: score descending, ties by id ascending.
 */

/** A heap slice: ids, scores and an optional payload (e.g. support) moved in lock step. */
export interface HeapArrays {
  ids: Uint32Array
  scores: Float32Array
  payload?: Uint32Array
}

/**
 * Offers (id, s, extra) to the heap of at most k entries at `at` that holds `size` entries;
 * returns the new size. The worst entry sits at `at`, so a full heap rejects with one comparison.
 */
export function offer(h: HeapArrays, at: number, size: number, k: number, id: number, s: number, extra = 0): number {
  if (size < k) {
    let i = size
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!worse(s, id, h.scores[at + p], h.ids[at + p])) break
      move(h, at + p, at + i)
      i = p
    }
    put(h, at + i, id, s, extra)
    return size + 1
  }
  if (k > 0 && worse(h.scores[at], h.ids[at], s, id)) siftDown(h, at, size, id, s, extra)
  return size
}

/** Sorts a heap slice in place, best first (heap sort: the worst moves to the end each step). */
export function sortHeap(h: HeapArrays, at: number, size: number) {
  for (let end = size - 1; end > 0; end--) {
    const id = h.ids[at + end]
    const s = h.scores[at + end]
    const extra = h.payload ? h.payload[at + end] : 0
    move(h, at, at + end)
    siftDown(h, at, end, id, s, extra)
  }
}

/**
 * Writes the `k` best of `touched[0..nTouched)` by `scores[id]` into `outIds`/`outScores` from `at`,
 * best first; skips ids whose score is not above `minScore`. Returns how many were written.
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
  const h: HeapArrays = { ids: outIds, scores: outScores }
  let size = 0
  for (let t = 0; t < nTouched; t++) {
    const id = touched[t]
    // Rounded to float32 so comparisons agree with the values already stored.
    const s = Math.fround(scores[id])
    if (s > minScore) size = offer(h, at, size, k, id, s)
  }
  sortHeap(h, at, size)
  return size
}

/** Is (sa, ia) ranked below (sb, ib)? */
export function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib)
}

function put(h: HeapArrays, to: number, id: number, s: number, extra: number) {
  h.ids[to] = id
  h.scores[to] = s
  if (h.payload) h.payload[to] = extra
}

function move(h: HeapArrays, from: number, to: number) {
  h.ids[to] = h.ids[from]
  h.scores[to] = h.scores[from]
  if (h.payload) h.payload[to] = h.payload[from]
}

function siftDown(h: HeapArrays, at: number, size: number, id: number, s: number, extra: number) {
  const { ids, scores } = h
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= size) break
    const r = l + 1
    const c = r < size && worse(scores[at + r], ids[at + r], scores[at + l], ids[at + l]) ? r : l
    if (!worse(scores[at + c], ids[at + c], s, id)) break
    move(h, at + c, at + i)
    i = c
  }
  put(h, at + i, id, s, extra)
}
