/**
 * The training queue without Redis (a development store with no `redisUrl`): the same semantics
 * as bullmq.ts (one pending run that requests join, throttled orders, manual runs now, retries,
 * the schedule), kept in this process's memory, so pending runs are lost on restart. Each run
 * forks the compiled processor (processor.ts, run as a main module), which runs the same entry:
 * training never blocks the server's event loop, and its memory goes with the child.
 */
import { fork, type ChildProcess } from "child_process"
import path from "path"
import { errorMessage, TrainingEvents } from "./events"
import { processorFile, type ChildReply, type ChildRequest } from "./processor"
import {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_SCHEDULE,
  defaultDelay,
  jobKind,
  type JobKind,
  type QueueLogger,
  type RequestTrainingOptions,
  type RequestTrainingResult,
  type TrainingJobData,
  type CommonQueueOptions,
  type TrainingQueue,
  type TrainingTrigger,
} from "./types"

export const IN_PROCESS_WARNING =
  "recommendations: no Redis configured: training runs on an in-process queue; jobs are lost on restart"

export type InProcessTrainingQueueOptions = CommonQueueOptions

type PendingJob = { id: string; data: TrainingJobData; attemptsMade: number; dueAt: number }

/** Longest setTimeout node accepts (about 24.8 days); longer waits re-arm. */
const MAX_TIMEOUT = 2 ** 31 - 1

export class InProcessTrainingQueue extends TrainingEvents implements TrainingQueue {
  readonly kind = "in-process" as const
  /** Starts at the current time: job ids stay unique across restarts (training runs keep them). */
  private generation = Date.now()
  /** The pending job of each kind (a training, an auto-tune): requests join their own kind's. */
  private readonly pending = new Map<JobKind, PendingJob>()
  private pendingTimer?: NodeJS.Timeout
  private active?: { job: PendingJob; child: ChildProcess; done: Promise<void> }
  private scheduleTimer?: NodeJS.Timeout
  private closed = false
  private readonly debounceMs: number
  private readonly attempts: number
  private readonly backoffMs: number
  private readonly runs: boolean
  private readonly file: string

  constructor(private readonly options: InProcessTrainingQueueOptions) {
    super(options.logger)
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
    this.attempts = Math.max(1, options.attempts ?? 2)
    this.backoffMs = options.backoffMs ?? 60_000
    this.runs = options.worker !== false
    this.file = options.processorFile ?? processorFile()
    options.logger.warn(IN_PROCESS_WARNING)
    if (this.runs) this.armSchedule()
  }

  async requestTraining(trigger: TrainingTrigger, opts: RequestTrainingOptions = {}): Promise<RequestTrainingResult> {
    if (this.closed) throw new Error("recommendations: the training queue is closed")
    const delay = defaultDelay(trigger, this.debounceMs, opts)
    const dueAt = Date.now() + delay
    const kind = jobKind(trigger)
    const pending = this.pending.get(kind)
    if (pending) {
      // Join it; a request never postpones the pending run, it may bring it forward.
      if (dueAt < pending.dueAt) {
        pending.dueAt = dueAt
        this.armPending()
      }
      return { jobId: pending.id, deduplicated: true }
    }
    const id = `${kind}-${this.generation++}`
    const data: TrainingJobData = {
      trigger,
      requestedAt: Date.now(),
      requestId: id,
      ...(this.options.entry ? { entry: this.options.entry } : {}),
      ...(this.options.entryArgs !== undefined ? { args: this.options.entryArgs } : {}),
    }
    this.pending.set(kind, { id, data, attemptsMade: 0, dueAt })
    this.armPending()
    return { jobId: id, deduplicated: false }
  }

  /** The pending job due first (at a tie, the one requested first). */
  private next(): PendingJob | undefined {
    let first: PendingJob | undefined
    for (const job of this.pending.values()) if (!first || job.dueAt < first.dueAt) first = job
    return first
  }

  private armPending(): void {
    clearTimeout(this.pendingTimer)
    const next = this.next()
    if (!next || !this.runs || this.closed) return
    const wait = Math.min(MAX_TIMEOUT, Math.max(0, next.dueAt - Date.now()))
    this.pendingTimer = setTimeout(() => this.startDue(), wait)
    this.pendingTimer.unref()
  }

  /** Starts the pending run due first if it is due and nothing runs; otherwise waits (re-armed). */
  private startDue(): void {
    const job = this.next()
    if (!job || this.active || this.closed) return
    if (job.dueAt > Date.now()) return this.armPending()
    this.pending.delete(jobKind(job.data.trigger))
    this.run(job)
  }

  private run(job: PendingJob): void {
    const child = fork(this.file, [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: process.execArgv.filter((arg) => !arg.startsWith("--inspect")),
    })
    const attempt = job.attemptsMade + 1
    const base = { jobId: job.id, trigger: job.data.trigger, attempt }
    let settled = false
    const done = new Promise<void>((resolve) => {
      const settle = (error?: string, result?: unknown) => {
        if (settled) return
        settled = true
        this.active = undefined
        if (error === undefined) this.emit("completed", { ...base, result })
        else this.failed(job, error)
        resolve()
        this.startDue()
      }
      child.on("message", (message: ChildReply) => {
        if (message.cmd === "progress") this.emit("progress", { ...base, progress: message.value })
        else if (message.cmd === "log") this.logger.info(`recommendations: training ${job.id}: ${message.value}`)
        else if (message.cmd === "completed") settle(undefined, message.value)
        else if (message.cmd === "failed") settle(message.error.message)
      })
      child.on("error", (error) => settle(`training process error: ${errorMessage(error)}`))
      child.on("exit", (code, signal) =>
        settle(`training process exited unexpectedly (code ${code}, signal ${signal})`)
      )
    })
    this.active = { job, child, done }
    this.emit("started", base)
    const request: ChildRequest = {
      cmd: "start",
      job: { id: job.id, data: job.data, attemptsMade: job.attemptsMade },
    }
    child.send(request)
  }

  /**
   * A failed attempt is retried after a backoff (like BullMQ's exponential backoff) unless its
   * attempts are used up or another run is already pending, which then stands for it.
   */
  private failed(job: PendingJob, error: string): void {
    job.attemptsMade += 1
    const kind = jobKind(job.data.trigger)
    const willRetry = job.attemptsMade < this.attempts && !this.pending.has(kind) && !this.closed
    this.emit("failed", { jobId: job.id, trigger: job.data.trigger, attempt: job.attemptsMade, error, willRetry })
    if (!willRetry) return
    this.pending.set(kind, { ...job, dueAt: Date.now() + this.backoffMs * 2 ** (job.attemptsMade - 1) })
    this.armPending()
  }

  private armSchedule(): void {
    const pattern = this.options.schedule === undefined ? DEFAULT_SCHEDULE : this.options.schedule
    if (!pattern || this.closed) return
    const next = nextCronTime(pattern, this.options.timezone)
    const wait = next - Date.now()
    this.scheduleTimer = setTimeout(() => {
      if (wait <= MAX_TIMEOUT) {
        this.requestTraining("schedule").catch((error) =>
          this.logger.error(`recommendations: scheduled training request failed: ${errorMessage(error)}`)
        )
      }
      this.armSchedule()
    }, Math.min(MAX_TIMEOUT, Math.max(0, wait)))
    this.scheduleTimer.unref()
  }

  async close({ force = false }: { force?: boolean } = {}): Promise<void> {
    this.closed = true
    clearTimeout(this.pendingTimer)
    clearTimeout(this.scheduleTimer)
    this.pending.clear()
    const active = this.active
    if (!active) return
    if (force) active.child.kill("SIGKILL")
    await active.done
  }
}

/** The next time (ms) a cron pattern fires after now; cron-parser is BullMQ's own dependency. */
export function nextCronTime(pattern: string, timezone?: string, after = Date.now()): number {
  const cronParser = require(require.resolve("cron-parser", { paths: [path.dirname(require.resolve("bullmq"))] }))
  const expression = cronParser.parseExpression(pattern, { currentDate: new Date(after), ...(timezone ? { tz: timezone } : {}) })
  return expression.next().getTime()
}
