/**
 * Lays out purchase lines, arriving grouped by order and ordered by time, as the engine's Orders
 * (CSR baskets, oldest order first: the order the offline evaluation splits in).
 */
import type { Orders } from "../engine/types"
import { Growable } from "./growable"
import { IdIndex } from "./id-index"

export class OrdersBuilder {
  readonly customers = new IdIndex()
  private readonly offsets = new Growable(Uint32Array)
  private readonly items: Growable<Uint32Array>
  private readonly quantities: Growable<Float32Array>
  private readonly time = new Growable(Float64Array)
  private readonly customer = new Growable(Int32Array)
  private currentOrder: string | null = null

  /** `lines`: how many lines are expected, to size the line arrays once. */
  constructor(lines = 1024) {
    this.items = new Growable(Uint32Array, lines)
    this.quantities = new Growable(Float32Array, lines)
    this.offsets.push(0)
  }

  /**
   * One line. Lines of an order are contiguous; the order's time is its first line's, its
   * customer the first line's that has one (a guest order is -1).
   */
  addLine(orderKey: string, orderTime: number, customerId: string | null, item: number, quantity: number): void {
    if (orderKey !== this.currentOrder) {
      if (this.currentOrder !== null) this.offsets.push(this.items.length)
      this.currentOrder = orderKey
      this.time.push(orderTime)
      this.customer.push(-1)
    }
    const o = this.time.length - 1
    if (customerId && this.customer.at(o) < 0) this.customer.set(o, this.customers.of(customerId))
    this.items.push(item)
    this.quantities.push(quantity > 0 ? quantity : 1)
  }

  get orderCount(): number {
    return this.time.length
  }

  get lineCount(): number {
    return this.items.length
  }

  /** The orders over `nItems` items (known only once every signal is read). */
  build(nItems: number): Orders {
    const offsets = this.offsets.toArray()
    const closed = new Uint32Array(this.time.length + 1)
    closed.set(offsets.subarray(0, this.time.length))
    closed[this.time.length] = this.items.length
    return {
      nItems,
      nCustomers: this.customers.size,
      offsets: closed,
      items: this.items.toArray(),
      quantities: this.quantities.toArray(),
      time: this.time.toArray(),
      customer: this.customer.toArray(),
    }
  }
}
