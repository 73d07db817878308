/**
 * The training queue as the Medusa layer sees it: ask for a training run, hear how runs go.
 * Two implementations share these semantics: BullMQ on Redis (bullmq.ts) and an in-process
 * fallback for a store without Redis (in-process.ts); index.ts chooses.
 *
 * Semantics, the same in both:
 * - One pending run at a time. A request while a run is waiting or delayed joins it
 *   (`deduplicated: true`): a burst of 100 orders gives one run. A request while a run is active
 *   queues the next one (the active run may have read its data before the request's events were
 *   written), so nothing that happened is left out for long.
 * - Orders (and catalog changes) are throttled, not debounced: the first request starts the delay
 *   (`debounceMs`), later requests join without extending it. A shop that takes an order every
 *   minute still trains every `debounceMs` minutes; a true debounce would never train it.
 * - A request never postpones a pending run, it can only bring it forward: a manual request (or
 *   `delayMs: 0`) promotes a delayed run to run now, or adds one with no delay.
 * - The nightly schedule is a request like the others (trigger "schedule", no delay).
 * - The training itself runs in a separate process (the entry module, see processor.ts), so a
 *   CPU-heavy run never blocks the server's event loop.
 */

/**
 * Why a run is requested. "tune" is not a training: it is an auto-tune (a search of the settings
 * on the store's history), run by the same queue and process so it never competes with a
 * training for the cores; it has pending runs of its own (see jobKind).
 */
export type TrainingTrigger = "order" | "schedule" | "manual" | "backfill" | "catalog" | "tune"

/** The two kinds of job: requests join a pending job of their own kind only. */
export type JobKind = "train" | "tune"
export const jobKind = (trigger: TrainingTrigger): JobKind => (trigger === "tune" ? "tune" : "train")

/** What a training entry reports with `progress()`: a percentage or a JSON object. */
export type TrainingProgress = number | Record<string, unknown>

export type RequestTrainingOptions = {
  /**
   * Run no later than this many milliseconds from now. Defaults: the debounce for "order" and
   * "catalog", 0 for the others ("manual" is always 0). A pending run is never postponed.
   */
  delayMs?: number
}

export type RequestTrainingResult = {
  /** The run this request joined or created. */
  jobId: string
  /** True when it joined a run that was already pending. */
  deduplicated: boolean
}

export type TrainingJobEvent = {
  jobId: string
  /** The trigger of the request that created the run. */
  trigger: TrainingTrigger
  /** 1 for the first attempt. */
  attempt: number
}

export type TrainingProgressEvent = TrainingJobEvent & { progress: TrainingProgress }
export type TrainingCompletedEvent = TrainingJobEvent & { result: unknown }
export type TrainingFailedEvent = TrainingJobEvent & {
  /** The error's message (the entry's own error, or why its process ended). */
  error: string
  /** True when another attempt follows (attempts left); false when the run is marked failed. */
  willRetry: boolean
}

export type Listener<E> = (event: E) => void | Promise<void>
/** Removes the listener. */
export type Unsubscribe = () => void

export interface TrainingQueue {
  /** "bullmq" or "in-process". */
  readonly kind: "bullmq" | "in-process"
  requestTraining(trigger: TrainingTrigger, opts?: RequestTrainingOptions): Promise<RequestTrainingResult>
  /**
   * Events of the runs this instance's worker executes (none where `worker` is false): mirror
   * them where the run happens, once, not on every instance that enqueues.
   */
  onStarted(listener: Listener<TrainingJobEvent>): Unsubscribe
  onProgress(listener: Listener<TrainingProgressEvent>): Unsubscribe
  onCompleted(listener: Listener<TrainingCompletedEvent>): Unsubscribe
  onFailed(listener: Listener<TrainingFailedEvent>): Unsubscribe
  /**
   * Stops taking work and closes connections. Waits for an active run to finish unless `force`:
   * then its training process is killed and the attempt fails (with BullMQ, retried by any
   * worker if attempts are left; the in-process queue's pending runs are lost).
   */
  close(opts?: { force?: boolean }): Promise<void>
}

/** The subset of Medusa's logger the queue uses. */
/** Options both queues take. */
export type CommonQueueOptions = {
  logger: QueueLogger
  /** Absolute path of the training entry module, carried by each job. */
  entry?: string
  /** JSON handed to the entry as `context.args`. */
  entryArgs?: unknown
  /** Run jobs (and the schedule) in this process; false only enqueues. Default true. */
  worker?: boolean
  /** Delay of order- and catalog-triggered runs. Default 5 minutes. */
  debounceMs?: number
  /** Cron pattern of the scheduled run, or false for none. Default nightly (DEFAULT_SCHEDULE). */
  schedule?: string | false | null
  /** IANA timezone of the schedule; default the server's. */
  timezone?: string
  /** Attempts per run (1 = no retry). Default 2. */
  attempts?: number
  /** First retry delay, doubled per attempt. Default 60 s. */
  backoffMs?: number
  /** The compiled processor; default processorFile(). */
  processorFile?: string
}

export type QueueLogger = {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/**
 * What a training entry receives in its process. The entry is a CommonJS module (.js, .cjs) whose
 * export (or default export) is `(context: TrainingEntryContext) => Promise<result>`; the result
 * must be JSON-serialisable.
 */
export type TrainingEntryContext = {
  jobId: string
  trigger: TrainingTrigger
  attempt: number
  /** `entryArgs` given to the queue, as JSON. */
  args: unknown
  progress(progress: TrainingProgress): Promise<void>
  log(message: string): Promise<void>
}

export type TrainingEntry = (context: TrainingEntryContext) => Promise<unknown> | unknown

/** The data a training job carries. */
export type TrainingJobData = {
  trigger: TrainingTrigger
  requestedAt: number
  /** Absolute path of the entry module; falls back to RECOMMENDATIONS_TRAINING_ENTRY. */
  entry?: string
  args?: unknown
  /** Tells the request that created the job from one that was deduplicated into it. */
  requestId: string
}

/** Environment variable naming the entry when a job carries none. */
export const TRAINING_ENTRY_ENV = "RECOMMENDATIONS_TRAINING_ENTRY"

/** Nightly, at 03:00 (server time unless a timezone is given). */
export const DEFAULT_SCHEDULE = "0 3 * * *"
/** Orders wait this long before they trigger a run. */
export const DEFAULT_DEBOUNCE_MS = 5 * 60_000

/** How long a run waits, by trigger, when the request gives no delay. */
export function defaultDelay(trigger: TrainingTrigger, debounceMs: number, opts: RequestTrainingOptions = {}): number {
  if (trigger === "manual" || trigger === "tune") return 0
  if (opts.delayMs !== undefined) return Math.max(0, opts.delayMs)
  return trigger === "order" || trigger === "catalog" ? debounceMs : 0
}
