/**
 * Co-purchase on worker threads, as the plugin's build runs it (workers load the compiled file, so
 * this lives with the tests that run after `npm run build`): a history large enough to be split
 * into chunks gives exactly the rows the single-threaded walk gives, whichever thread took which.
 */
import path from "path"
import type * as Cooccurrence from "../../src/engine/cooccurrence"
import type * as Parallel from "../../src/engine/parallel"
import { COOCCURRENCE } from "../../src/engine/params"
import type { Neighbours } from "../../src/engine/types"
import { NOW, ordersOf, type Basket } from "../unit/engine/orders-fixture"

const built = path.resolve(__dirname, "../../.medusa/server/src/engine")
const { cooccurrence } = require(path.join(built, "cooccurrence.js")) as typeof Cooccurrence
const { startCooccurrence } = require(path.join(built, "parallel.js")) as typeof Parallel

/** Skewed random baskets, some of them huge (wholesale), over `nItems` items across 90 days. */
function randomHistory(seed: number, nOrders: number, nItems: number) {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const baskets: Basket[] = Array.from({ length: nOrders }, () => {
    const size = random() < 0.02 ? 100 + Math.floor(random() * 300) : 1 + Math.floor(random() * 20)
    const items = new Set<number>()
    while (items.size < size) items.add(Math.floor(Math.pow(random(), 2) * nItems))
    return { items: [...items], age: Math.floor(random() * 90) }
  })
  return ordersOf(nItems, baskets)
}

/** The fields of two neighbour lists that differ, byte for byte (jest's deep equality is slow on 100k-long typed arrays). */
function differing(a: Neighbours, b: Neighbours): string[] {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength)
  return (["offsets", "ids", "scores", "support"] as const).filter((f) => !bytes(a[f]).equals(bytes(b[f])))
}

describe("startCooccurrence on worker threads (built)", () => {
  const orders = randomHistory(7, 8_000, 1_500)

  it("is large enough to start workers", () => {
    expect(orders.items.length).toBeGreaterThan(100_000)
  })

  it.each([2, 3])("returns exactly what cooccurrence returns on %i threads", async (threads) => {
    const whole = cooccurrence(orders, COOCCURRENCE, NOW)
    const job = startCooccurrence(orders, COOCCURRENCE, NOW, threads)
    expect(differing(await job.finish(), whole)).toEqual([])
  })

  it("still returns every row when the caller takes its share late", async () => {
    const whole = cooccurrence(orders, COOCCURRENCE, NOW)
    const job = startCooccurrence(orders, COOCCURRENCE, NOW, 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(differing(await job.finish(), whole)).toEqual([])
  })
})
