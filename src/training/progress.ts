/**
 * Mirrors a run's progress to the queue (`context.progress`, which the admin's live view hears)
 * and to the run's row (`updateRunProgress`), throttled: a new stage is reported at once, moves
 * within a stage at most every `intervalMs`. Reports go out one after another, never in parallel,
 * and a failed report is logged, not fatal: progress is a view of the run, not the run.
 */
import type { TrainingEntryContext } from "../queue/types"

export type TrainingStage = "read" | "train" | "evaluate" | "write"

/** Each stage's rough share of a run's time, as the run's 0..1. */
const SPANS: Record<TrainingStage, [number, number]> = {
  read: [0, 0.25],
  train: [0.25, 0.6],
  evaluate: [0.6, 0.85],
  write: [0.85, 1],
}

export class RunProgress<S extends string = TrainingStage> {
  private stage: S | null = null
  private lastAt = 0
  private pending: Promise<void> = Promise.resolve()

  /** `record` writes the progress on the run's row (updateRunProgress). */
  constructor(
    private readonly context: Pick<TrainingEntryContext, "progress" | "log">,
    private readonly record: (progress: number, stage: S) => Promise<void>,
    private readonly intervalMs = 1000,
    /** Each stage's share of the run (an auto-tune has stages of its own). */
    private readonly spans: Record<S, [number, number]> = SPANS as Record<string, [number, number]> as Record<S, [number, number]>
  ) {}

  /** `fraction`: how far the stage is, 0..1. */
  report(stage: S, fraction: number): void {
    const now = Date.now()
    if (stage === this.stage && now - this.lastAt < this.intervalMs) return
    this.stage = stage
    this.lastAt = now
    const [from, to] = this.spans[stage]
    const progress = Math.round((from + (to - from) * Math.min(1, Math.max(0, fraction))) * 1000) / 1000
    this.pending = this.pending.then(async () => {
      try {
        await Promise.all([this.context.progress({ stage, progress }), this.record(progress, stage)])
      } catch (error) {
        await this.context.log(`progress not reported: ${(error as Error).message}`).catch(() => undefined)
      }
    })
  }

  /** Resolves once every report made so far is out. */
  async flush(): Promise<void> {
    await this.pending
  }
}
