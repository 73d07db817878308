import type { OfflineResult, TaskResult } from "../../../src/engine"
import { evaluateHistory, summarise } from "../../../src/training/evaluate"
import type { TrainingData } from "../../../src/training/read"

const task = (ndcg: number, hr: number, cases: number, coverage?: number): TaskResult => ({
  hr,
  precision: 0,
  recall: 0,
  ndcg,
  diversity: 0,
  novelty: 0,
  cases,
  ...(coverage === undefined ? {} : { coverage }),
})

const result = (alsoBought: Record<string, TaskResult>, forYou: Record<string, TaskResult>): OfflineResult => ({
  orders: 200,
  trainOrders: 180,
  testOrders: 20,
  items: 50,
  alsoBought,
  forYou,
  trainSeconds: 0.1,
})

describe("summarise", () => {
  it("keeps hybrid and popularity NDCG, hit rate and coverage per task, and flags a hybrid below popularity", () => {
    const summary = summarise(
      result(
        { hybrid: task(0.31234567, 0.5, 40, 0.8), popularity: task(0.2, 0.4, 40, 0.1), content: task(0.9, 0.9, 40, 1) },
        { hybrid: task(0.1, 0.2, 12), popularity: task(0.15, 0.3, 12) }
      ),
      1.23456
    )
    expect(summary).toEqual({
      status: "evaluated",
      k: 10,
      testFraction: 0.1,
      trainOrders: 180,
      testOrders: 20,
      tasks: {
        also_bought: {
          cases: 40,
          hybrid: { ndcg: 0.3123, hitRate: 0.5, coverage: 0.8 },
          popularity: { ndcg: 0.2, hitRate: 0.4, coverage: 0.1 },
          hybridBelowPopularity: false,
        },
        for_you: {
          cases: 12,
          hybrid: { ndcg: 0.1, hitRate: 0.2, coverage: null },
          popularity: { ndcg: 0.15, hitRate: 0.3, coverage: null },
          hybridBelowPopularity: true,
        },
      },
      hybridBelowPopularity: true,
      seconds: 1.2346,
    })
  })

  it("does not flag a task without cases", () => {
    const summary = summarise(result({ hybrid: task(0, 0, 0, 0), popularity: task(0, 0, 0, 0) }, { hybrid: task(0, 0, 0), popularity: task(0, 0, 0) }), 0)
    expect(summary.status === "evaluated" && summary.hybridBelowPopularity).toBe(false)
  })
})

describe("evaluateHistory", () => {
  it("skips a history below the minimum, saying why", async () => {
    const data = { counts: { orders: 12 } } as TrainingData
    expect(await evaluateHistory(data, 100)).toEqual({
      status: "skipped",
      reason: "12 orders: the evaluation needs at least 100",
      orders: 12,
      minOrders: 100,
    })
  })
})
