/**
 * Co-purchase rows shared between worker threads and the calling thread. Rows are independent,
 * so items are cut into chunks of about equal work and every thread takes the next chunk from a
 * shared counter until none is left. The caller starts the job, does its own training work (the
 * content model) while the workers start, then takes chunks too: no core waits while another
 * still has rows, and no more threads run than there are cores. Inputs are shared, not copied,
 * through SharedArrayBuffers.
 */
import { availableParallelism } from "os"
import { isMainThread, parentPort, Worker, workerData } from "worker_threads"
import { balancedRanges, concatRows, cooccurrence, cooccurrenceRows, prepareCooccurrence, rowScratch, type CooccurrenceParams, type CooccurrencePrep } from "./cooccurrence"
import type { Neighbours, Orders } from "./types"

/** Below this many order lines, starting a thread costs more than it saves. */
const MIN_LINES = 100_000
/** Chunks per thread: enough that threads finish together, few enough that each is worth taking. */
const CHUNKS_PER_THREAD = 8

interface RowsJob {
  nItems: number
  offsets: Uint32Array
  items: Uint32Array
  byItemOffsets: Uint32Array
  byItemOrders: Uint32Array
  weights: Float64Array
  itemWeight: Float64Array
  norm: Float64Array
  params: CooccurrenceParams
  bounds: number[]
  /** One Int32: the next chunk to take. */
  next: Int32Array
}

/** The chunks a thread computed, by chunk index. */
type Taken = { chunks: number[]; parts: Neighbours[] }

function shared<T extends Uint32Array | Float64Array>(a: T): T {
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength))
  copy.set(a as never)
  return copy
}

/** Takes chunks from the shared counter until none is left. */
function takeChunks(orders: Orders, prep: CooccurrencePrep, params: CooccurrenceParams, bounds: number[], next: Int32Array): Taken {
  const taken: Taken = { chunks: [], parts: [] }
  const scratch = rowScratch(orders.nItems)
  for (let c = Atomics.add(next, 0, 1); c < bounds.length - 1; c = Atomics.add(next, 0, 1)) {
    taken.chunks.push(c)
    taken.parts.push(cooccurrenceRows(orders, prep, params, bounds[c], bounds[c + 1], scratch))
  }
  return taken
}

/** Workers run this file; from TypeScript sources (development) only when ts-node can load it. */
function workerExecArgv(): string[] | undefined {
  if (__filename.endsWith(".js")) return []
  return (process as unknown as Record<symbol, unknown>)[Symbol.for("ts-node.register.instance")] ? ["-r", "ts-node/register/transpile-only"] : undefined
}

export interface CooccurrenceJob {
  /** Computes the chunks left on this thread, then resolves to every row in item order. */
  finish(): Promise<Neighbours>
}

/**
 * Starts co-purchase on `threads` threads in all (default: two, or one on a single core), the
 * caller's included: `threads - 1` workers start now, the caller joins in `finish()`.
 */
export function startCooccurrence(
  orders: Orders,
  params: CooccurrenceParams,
  now: number,
  threads = Math.min(2, availableParallelism())
): CooccurrenceJob {
  const execArgv = workerExecArgv()
  if (threads <= 1 || orders.items.length < MIN_LINES || !execArgv) return { finish: async () => cooccurrence(orders, params, now) }
  const prep = prepareCooccurrence(orders, params, now)
  const bounds = balancedRanges(orders, prep.byItem, threads * CHUNKS_PER_THREAD)
  const next = new Int32Array(new SharedArrayBuffer(4))
  const job: RowsJob = {
    nItems: orders.nItems,
    offsets: shared(orders.offsets),
    items: shared(orders.items),
    byItemOffsets: shared(prep.byItem.offsets),
    byItemOrders: shared(prep.byItem.orders),
    weights: shared(prep.weights),
    itemWeight: shared(prep.itemWeight),
    norm: shared(prep.norm),
    params,
    bounds,
    next,
  }
  const workers = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<Taken>((resolve, reject) => {
        const worker = new Worker(__filename, { workerData: job, execArgv })
        worker.once("message", resolve)
        worker.once("error", reject)
        worker.once("exit", (code) => code !== 0 && reject(new Error(`co-purchase worker exited with code ${code}`)))
      })
  )
  // A failed worker is reported by finish(); until then its rejection is not unhandled.
  for (const w of workers) w.catch(() => undefined)
  return {
    async finish() {
      const all = [takeChunks(orders, prep, params, bounds, next), ...(await Promise.all(workers))]
      const parts: Neighbours[] = new Array(bounds.length - 1)
      for (const taken of all) taken.chunks.forEach((c, i) => (parts[c] = taken.parts[i]))
      return concatRows(parts)
    },
  }
}

if (!isMainThread && parentPort && (workerData as RowsJob | undefined)?.byItemOrders) {
  const job = workerData as RowsJob
  const orders = { nItems: job.nItems, offsets: job.offsets, items: job.items } as Orders
  const prep = { byItem: { offsets: job.byItemOffsets, orders: job.byItemOrders }, weights: job.weights, itemWeight: job.itemWeight, norm: job.norm }
  const taken = takeChunks(orders, prep, job.params, job.bounds, job.next)
  const buffers = taken.parts.flatMap((p) => [p.offsets.buffer, p.ids.buffer, p.scores.buffer, p.support.buffer]) as ArrayBuffer[]
  parentPort.postMessage(taken, buffers)
}
