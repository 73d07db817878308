/**
 * Scores a run on the store's own history (the engine's offline evaluation: train on the older
 * orders, test on the newest 10 %) and keeps what the admin's quality chart shows: per task, the
 * hybrid and the popularity baseline's NDCG@10, hit rate and coverage, and whether the hybrid
 * falls below popularity.
 */
import { offlineEvaluation, type OfflineResult, type TaskResult } from "../engine"
import type { TrainingData } from "./read"
import { TRAINING_THREADS } from "./threads"

export const EVALUATION = {
  testFraction: 0.1,
  k: 10,
  /**
   * Fewer orders than this are not evaluated: their newest tenth (under 10 orders) says nothing
   * but noise about a model.
   */
  minOrders: 100,
}

export type TaskMetrics = {
  ndcg: number
  hitRate: number
  /** Share of the trained products the strategy recommends (also-bought only; null for for-you). */
  coverage: number | null
}

export type TaskSummary = {
  /** Test cases scored: seed products (also-bought) or returning customers (for-you). */
  cases: number
  hybrid: TaskMetrics
  popularity: TaskMetrics
  /** The hybrid's NDCG@k is below popularity's (false when no case was scored). */
  hybridBelowPopularity: boolean
}

export type EvaluationSummary =
  | {
      status: "evaluated"
      k: number
      testFraction: number
      trainOrders: number
      testOrders: number
      tasks: { also_bought: TaskSummary; for_you: TaskSummary }
      /** Either task's hybrid is below popularity. */
      hybridBelowPopularity: boolean
      seconds: number
    }
  | { status: "skipped"; reason: string; orders: number; minOrders: number }
  | { status: "failed"; reason: string }

export async function evaluateHistory(data: TrainingData, minOrders = EVALUATION.minOrders): Promise<EvaluationSummary> {
  const orders = data.counts.orders
  if (orders < minOrders) {
    return { status: "skipped", reason: `${orders} orders: the evaluation needs at least ${minOrders}`, orders, minOrders }
  }
  const started = process.hrtime.bigint()
  const result = await offlineEvaluation(
    { orders: data.orders, documents: data.documents, productIds: data.productIds },
    { testFraction: EVALUATION.testFraction, k: EVALUATION.k, threads: TRAINING_THREADS }
  )
  return summarise(result, Number(process.hrtime.bigint() - started) / 1e9)
}

export function summarise(result: OfflineResult, seconds: number): EvaluationSummary {
  const also_bought = task(result.alsoBought)
  const for_you = task(result.forYou)
  return {
    status: "evaluated",
    k: EVALUATION.k,
    testFraction: EVALUATION.testFraction,
    trainOrders: result.trainOrders,
    testOrders: result.testOrders,
    tasks: { also_bought, for_you },
    hybridBelowPopularity: also_bought.hybridBelowPopularity || for_you.hybridBelowPopularity,
    seconds: round(seconds),
  }
}

function task(results: Record<string, TaskResult>): TaskSummary {
  const hybrid = metrics(results.hybrid)
  const popularity = metrics(results.popularity)
  const cases = results.hybrid?.cases ?? 0
  return { cases, hybrid, popularity, hybridBelowPopularity: cases > 0 && hybrid.ndcg < popularity.ndcg }
}

function metrics(result: TaskResult | undefined): TaskMetrics {
  return {
    ndcg: round(result?.ndcg ?? 0),
    hitRate: round(result?.hr ?? 0),
    coverage: result?.coverage === undefined ? null : round(result.coverage),
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000
