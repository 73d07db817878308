import { RunProgress } from "../../../src/training/progress"

describe("RunProgress", () => {
  afterEach(() => jest.useRealTimers())

  function setup() {
    const reported: unknown[] = []
    const recorded: [number, string][] = []
    const context = { progress: async (p: unknown) => void reported.push(p), log: async () => undefined }
    const progress = new RunProgress(context, async (p, stage) => void recorded.push([p, stage]), 1000)
    return { progress, reported, recorded }
  }

  it("reports a new stage at once and moves within a stage at most once per interval, on the run's 0..1", async () => {
    jest.useFakeTimers({ now: 0 })
    const { progress, reported, recorded } = setup()
    progress.report("read", 0)
    progress.report("read", 0.5) // within the interval: dropped
    jest.setSystemTime(1500)
    progress.report("read", 0.5)
    progress.report("train", 0) // a new stage: at once
    progress.report("write", 2) // clamped to the stage's end
    await progress.flush()
    expect(reported).toEqual([
      { stage: "read", progress: 0 },
      { stage: "read", progress: 0.125 },
      { stage: "train", progress: 0.25 },
      { stage: "write", progress: 1 },
    ])
    expect(recorded).toEqual([
      [0, "read"],
      [0.125, "read"],
      [0.25, "train"],
      [1, "write"],
    ])
  })

  it("logs a report that fails and goes on with the next", async () => {
    const reported: unknown[] = []
    const logs: string[] = []
    let failures = 1
    const progress = new RunProgress(
      { progress: async (p) => void reported.push(p), log: async (m) => void logs.push(m) },
      async () => {
        if (failures-- > 0) throw new Error("connection reset")
      }
    )
    progress.report("read", 0)
    progress.report("evaluate", 1)
    await progress.flush()
    expect(logs).toEqual(["progress not reported: connection reset"])
    expect(reported).toEqual([{ stage: "read", progress: 0 }, { stage: "evaluate", progress: 0.85 }])
  })

  it("sends reports one after another, in the order they were made", async () => {
    const order: string[] = []
    let release!: () => void
    const slow = new Promise<void>((resolve) => (release = resolve))
    const progress = new RunProgress(
      { progress: async () => undefined, log: async () => undefined },
      async (_p, stage) => {
        order.push(`start ${stage}`)
        if (stage === "read") await slow
        order.push(`end ${stage}`)
      }
    )
    progress.report("read", 0)
    progress.report("train", 0)
    await new Promise((r) => setImmediate(r))
    expect(order).toEqual(["start read"])
    release()
    await progress.flush()
    expect(order).toEqual(["start read", "end read", "start train", "end train"])
  })
})
