/**
 * Co-purchase rows computed on worker threads: rows are independent, so items are split into
 * ranges of equal work and each range runs on its own core while the caller's thread does other
 * training work. The inputs are shared, not copied, through SharedArrayBuffers.
 */
import { availableParallelism } from "os"
import { isMainThread, parentPort, Worker, workerData } from "worker_threads"
import { balancedRanges, concatRows, cooccurrenceRows, prepareCooccurrence, type CooccurrenceParams } from "./cooccurrence"
import type { Neighbours, Orders } from "./types"

/** Below this many order lines, starting threads costs more than it saves. */
const MIN_LINES = 100_000

interface RowsJob {
  nItems: number
  offsets: Uint32Array
  items: Uint32Array
  byItemOffsets: Uint32Array
  byItemOrders: Uint32Array
  weights: Float64Array
  itemWeight: Float64Array
  params: CooccurrenceParams
  from: number
  to: number
}

function shared<T extends Uint32Array | Float64Array>(a: T): T {
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength))
  copy.set(a as never)
  return copy
}

/** Workers run this file; from TypeScript sources (development) only when ts-node can load it. */
function workerExecArgv(): string[] | undefined {
  if (__filename.endsWith(".js")) return []
  return (process as unknown as Record<symbol, unknown>)[Symbol.for("ts-node.register.instance")] ? ["-r", "ts-node/register/transpile-only"] : undefined
}

export async function cooccurrenceParallel(
  orders: Orders,
  params: CooccurrenceParams,
  now: number,
  threads = Math.min(2, availableParallelism())
): Promise<Neighbours> {
  const prep = prepareCooccurrence(orders, params, now)
  const execArgv = workerExecArgv()
  if (threads <= 1 || orders.items.length < MIN_LINES || !execArgv) return cooccurrenceRows(orders, prep, params, 0, orders.nItems)
  const bounds = balancedRanges(orders, prep.byItem, threads)
  const base = {
    nItems: orders.nItems,
    offsets: shared(orders.offsets),
    items: shared(orders.items),
    byItemOffsets: shared(prep.byItem.offsets),
    byItemOrders: shared(prep.byItem.orders),
    weights: shared(prep.weights),
    itemWeight: shared(prep.itemWeight),
    params,
  }
  const parts = await Promise.all(
    bounds.slice(1).map(
      (to, t) =>
        new Promise<Neighbours>((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { ...base, from: bounds[t], to } satisfies RowsJob, execArgv })
          worker.once("message", resolve)
          worker.once("error", reject)
          worker.once("exit", (code) => code !== 0 && reject(new Error(`co-purchase worker exited with code ${code}`)))
        })
    )
  )
  return concatRows(parts)
}

if (!isMainThread && parentPort && (workerData as RowsJob | undefined)?.byItemOrders) {
  const job = workerData as RowsJob
  const orders = { nItems: job.nItems, offsets: job.offsets, items: job.items } as Orders
  const prep = { byItem: { offsets: job.byItemOffsets, orders: job.byItemOrders }, weights: job.weights, itemWeight: job.itemWeight }
  const rows = cooccurrenceRows(orders, prep, job.params, job.from, job.to)
  parentPort.postMessage(rows, [rows.offsets.buffer, rows.ids.buffer, rows.scores.buffer, rows.support.buffer] as ArrayBuffer[])
}
