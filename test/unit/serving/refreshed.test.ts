import { Refreshed } from "../../../src/modules/recommendations/serving/refreshed"

const tick = () => new Promise((r) => setImmediate(r))

describe("Refreshed", () => {
  it("waits for the first load, then serves the old value while one shared re-read runs", async () => {
    let n = 0
    let release: () => void = () => {}
    const loads: (number | undefined)[] = []
    const value = new Refreshed(
      async (previous) => {
        loads.push(previous)
        if (n > 0) await new Promise<void>((r) => (release = r))
        return ++n
      },
      0,
      () => {}
    )
    expect(await value.get()).toBe(1)
    expect(await value.get()).toBe(1)
    expect(await value.get()).toBe(1)
    expect(loads).toEqual([undefined, 1]) // one re-read for both stale reads
    release()
    await tick()
    expect(await value.get()).toBe(2)
  })

  it("after invalidate(), waits for a value read after it, even over a read already under way", async () => {
    let stored = "old"
    let release: () => void = () => {}
    let slow = false
    const value = new Refreshed(
      async () => {
        const seen = stored
        if (slow) await new Promise<void>((r) => (release = r))
        return seen
      },
      60_000,
      () => {}
    )
    expect(await value.get()).toBe("old")
    value.invalidate()
    slow = true
    const first = value.get() // a read that saw "old" is under way...
    await tick()
    stored = "new" // ...when the change is made and announced
    slow = false
    value.invalidate()
    release()
    expect(await first).toBe("new")
    expect(await value.get()).toBe("new")
  })

  it("reuses a value within its TTL", async () => {
    let n = 0
    const value = new Refreshed(async () => ++n, 60_000, () => {})
    expect(await value.get()).toBe(1)
    expect(await value.get()).toBe(1)
    expect(n).toBe(1)
  })

  it("keeps the previous value when a re-read fails, and fails when there is none", async () => {
    const errors: unknown[] = []
    let fail = false
    const value = new Refreshed(
      async () => {
        if (fail) throw new Error("database down")
        return "v1"
      },
      0,
      (e) => errors.push(e)
    )
    expect(await value.get()).toBe("v1")
    fail = true
    expect(await value.get()).toBe("v1")
    await tick()
    expect(errors).toHaveLength(1)
    expect(await value.get()).toBe("v1")
    const never = new Refreshed(async () => Promise.reject(new Error("database down")), 0, () => {})
    await expect(never.get()).rejects.toThrow("database down")
    // The next read tries again.
    await expect(never.get()).rejects.toThrow("database down")
  })
})
