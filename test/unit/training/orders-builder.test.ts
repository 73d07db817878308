import { OrdersBuilder } from "../../../src/training/orders-builder"

describe("OrdersBuilder", () => {
  it("lays out contiguous lines as baskets, oldest first, with the first known customer", () => {
    // Initial capacity 1: the line arrays grow while lines stream in.
    const builder = new OrdersBuilder(1)
    builder.addLine("order_1", 1000, null, 0, 2)
    builder.addLine("order_1", 1000, "cus_b", 1, 1)
    builder.addLine("order_2", 2000, null, 2, 1)
    builder.addLine("order_3", 3000, "cus_a", 1, 0)
    builder.addLine("order_3", 3000, "cus_b", 3, 5)
    builder.addLine("order_4", 4000, "cus_b", 0, 1)
    const orders = builder.build(5)
    expect(orders.nItems).toBe(5)
    expect(Array.from(orders.offsets)).toEqual([0, 2, 3, 5, 6])
    expect(Array.from(orders.items)).toEqual([0, 1, 2, 1, 3, 0])
    // A quantity that is not positive counts as one unit.
    expect(Array.from(orders.quantities)).toEqual([2, 1, 1, 1, 5, 1])
    expect(Array.from(orders.time)).toEqual([1000, 2000, 3000, 4000])
    // order_1's customer comes from its second line; order_2 is a guest order.
    expect(Array.from(orders.customer)).toEqual([0, -1, 1, 0])
    expect(orders.nCustomers).toBe(2)
    expect(builder.customers.ids).toEqual(["cus_b", "cus_a"])
    expect([builder.orderCount, builder.lineCount]).toEqual([4, 6])
  })

  it("builds empty orders over the catalogue's items when there are no purchases", () => {
    const orders = new OrdersBuilder().build(3)
    expect(orders.nItems).toBe(3)
    expect(Array.from(orders.offsets)).toEqual([0])
    expect(orders.items).toHaveLength(0)
    expect(orders.time).toHaveLength(0)
    expect(orders.nCustomers).toBe(0)
  })
})
