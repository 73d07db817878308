/**
 * The training queue on BullMQ (Redis): queue `recommendations`, job name `train`.
 *
 * Dedupe: the pending run has a deterministic id, `train-<generation>`, the generation being a
 * counter in Redis (`<prefix>:recommendations:train-generation`), started at the current time in
 * milliseconds so that ids stay unique when Redis loses its data (training runs keep them). A request looks at that job:
 * none yet -> it adds it; waiting or delayed -> it joins it (and may bring it forward); active or
 * finished -> it moves the counter on (compare-and-set, so concurrent requesters agree) and adds
 * the next generation. Auto-tunes (trigger "tune") do the same with their own counter and ids,
 * `tune-<generation>`: a tune never joins a training, nor a training a tune. A request joins only a run that has not yet read its data, so the events
 * written before the request are always in a run.
 *
 * Processing: a Worker whose processor is a file (processor.ts compiled), which BullMQ runs in a
 * child process; concurrency 1, and global concurrency 1: with several worker processes (more
 * Medusa workers, more machines) one run still trains at a time.
 *
 * Failures: `attempts` (default 2: one retry, exponential backoff from `backoffMs`, default 60 s),
 * then the job is failed with the error. A training process that is killed (or a forced close)
 * fails its attempt like an error ("Unexpected exit code: null signal: SIGKILL"). A worker process
 * that dies stops renewing the job's lock (`lockDurationMs`, 60 s; its training process exits
 * with it); another worker (or this one after restart) finds the job stalled within
 * `stalledIntervalMs` (30 s) of the lock expiring and runs it again, once (`maxStalledCount` 1);
 * stalled twice, it is failed.
 *
 * Schedule: a repeatable job (cron `schedule`) on a small companion queue,
 * `recommendations-schedule`, whose worker (in this process, no sandbox: it only enqueues) makes
 * a request with trigger "schedule", so the nightly run dedupes with pending order runs like any
 * request. BullMQ 5.13 has no job schedulers (`upsertJobScheduler`), so repeatable jobs with
 * another pattern are removed at start.
 */
import { randomUUID } from "crypto"
import { Job, Queue, Worker, type ConnectionOptions, type JobsOptions } from "bullmq"
import { errorMessage, TrainingEvents } from "./events"
import { processorFile } from "./processor"
import {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_SCHEDULE,
  defaultDelay,
  jobKind,
  type JobKind,
  type QueueLogger,
  type RequestTrainingOptions,
  type RequestTrainingResult,
  type CommonQueueOptions,
  type TrainingJobData,
  type TrainingQueue,
  type TrainingTrigger,
} from "./types"

export const QUEUE_NAME = "recommendations"
export const JOB_NAME = "train"

export type BullMQTrainingQueueOptions = CommonQueueOptions & {
  redisUrl: string
  /** BullMQ key prefix. Default "bull". */
  prefix?: string
  queueName?: string
  /** Lock held by a worker on its active job, renewed every half. Default 60 s. */
  lockDurationMs?: number
  /** How often workers look for jobs whose lock expired. Default 30 s. */
  stalledIntervalMs?: number
  /** Times a job may stall (its worker died) and be run again before it is failed. Default 1. */
  maxStalledCount?: number
  /** Finished jobs kept, completed and failed each. Default 100. */
  keepJobs?: number
  /** A request fails after this long, e.g. while Redis is unreachable. Default 10 s. */
  requestTimeoutMs?: number
}

/** ioredis options from a redis:// or rediss:// URL. */
export function redisOptionsFromUrl(redisUrl: string): {
  host: string
  port: number
  username?: string
  password?: string
  db?: number
  tls?: Record<string, never>
} {
  const url = new URL(redisUrl)
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new Error(`redisUrl must start with redis:// or rediss://, got ${url.protocol}`)
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined
  if (db !== undefined && !Number.isInteger(db)) throw new Error(`redisUrl names no database number: ${url.pathname}`)
  return {
    host: url.hostname || "127.0.0.1",
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== undefined ? { db } : {}),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
  }
}

/** Moves the generation on from ARGV[1], unless another requester already did. */
const NEXT_GENERATION = `
local current = redis.call("GET", KEYS[1]) or "0"
if current == ARGV[1] then return redis.call("INCR", KEYS[1]) end
return tonumber(current)
`

/** Rejects when Redis does not answer in time (ioredis would otherwise wait for it forever). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`recommendations: no answer from Redis in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const PENDING = new Set(["waiting", "delayed", "prioritized", "waiting-children"])

export class BullMQTrainingQueue extends TrainingEvents implements TrainingQueue {
  readonly kind = "bullmq" as const
  readonly queue: Queue<TrainingJobData>
  private readonly scheduleQueue: Queue
  private worker?: Worker<TrainingJobData>
  private scheduleWorker?: Worker
  /** Per job kind (train, tune): the counter that names its pending job. */
  private readonly generationKeys: Record<JobKind, string>
  private readonly debounceMs: number
  private readonly jobOptions: JobsOptions
  private readonly requestTimeoutMs: number
  private lastError = ""
  /** Settles once the schedule is registered (or failed to be); close() waits for it. */
  readonly ready: Promise<void>

  constructor(private readonly options: BullMQTrainingQueueOptions) {
    super(options.logger)
    const name = options.queueName ?? QUEUE_NAME
    const prefix = options.prefix ?? "bull"
    const redis = redisOptionsFromUrl(options.redisUrl)
    // Enqueueing connections give up on a command after one reconnection attempt: with Redis
    // down, a request fails (its events are already in Postgres) instead of hanging a subscriber.
    const enqueue: ConnectionOptions = { ...redis, maxRetriesPerRequest: 1 }
    // Workers' connections must retry forever (BullMQ requires maxRetriesPerRequest null).
    const work: ConnectionOptions = { ...redis, maxRetriesPerRequest: null }

    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000
    const keep = options.keepJobs ?? 100
    this.jobOptions = {
      attempts: Math.max(1, options.attempts ?? 2),
      backoff: { type: "exponential", delay: options.backoffMs ?? 60_000 },
      removeOnComplete: { count: keep },
      removeOnFail: { count: keep },
    }

    this.queue = new Queue<TrainingJobData>(name, { connection: enqueue, prefix })
    this.scheduleQueue = new Queue(`${name}-schedule`, { connection: enqueue, prefix })
    this.generationKeys = { train: this.queue.toKey("train-generation"), tune: this.queue.toKey("tune-generation") }
    for (const emitter of [this.queue, this.scheduleQueue]) emitter.on("error", (error) => this.reportError(error))

    if (options.worker !== false) {
      this.worker = new Worker<TrainingJobData>(name, options.processorFile ?? processorFile(), {
        connection: work,
        prefix,
        concurrency: 1,
        lockDuration: options.lockDurationMs ?? 60_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 1,
        useWorkerThreads: false,
      })
      this.listen(this.worker)
      this.scheduleWorker = new Worker(`${name}-schedule`, async () => this.requestTraining("schedule"), {
        connection: work,
        prefix,
        concurrency: 1,
      })
      this.scheduleWorker.on("error", (error) => this.reportError(error))
      this.ready = withTimeout(this.registerSchedule(), this.requestTimeoutMs).catch((error) => {
        this.logger.error(`recommendations: the training schedule was not registered: ${errorMessage(error)}`)
      })
    } else {
      this.ready = Promise.resolve()
    }
  }

  requestTraining(trigger: TrainingTrigger, opts: RequestTrainingOptions = {}): Promise<RequestTrainingResult> {
    const delay = defaultDelay(trigger, this.debounceMs, opts)
    return withTimeout(this.request(trigger, delay), this.requestTimeoutMs)
  }

  private async request(trigger: TrainingTrigger, delay: number): Promise<RequestTrainingResult> {
    const client = await this.queue.client
    const requestId = randomUUID()
    const kind = jobKind(trigger)
    const generationKey = this.generationKeys[kind]
    for (let round = 0; round < 8; round++) {
      await client.set(generationKey, String(Date.now()), "NX")
      const generation = (await client.get(generationKey)) ?? "0"
      const jobId = `${kind}-${generation}`
      const existing = await Job.fromId<TrainingJobData>(this.queue, jobId)
      if (!existing) {
        const data: TrainingJobData = {
          trigger,
          requestedAt: Date.now(),
          requestId,
          ...(this.options.entry ? { entry: this.options.entry } : {}),
          ...(this.options.entryArgs !== undefined ? { args: this.options.entryArgs } : {}),
        }
        await this.queue.add(kind === "tune" ? "tune" : JOB_NAME, data, { ...this.jobOptions, jobId, delay })
        const stored = await Job.fromId<TrainingJobData>(this.queue, jobId)
        // Another request may have added it between our look and our add: that job was added
        // after this request's events were written, so joining it is as good. (None: it already
        // ran and was removed.)
        return { jobId, deduplicated: !!stored && stored.data.requestId !== requestId }
      }
      const state = await existing.getState()
      if (PENDING.has(state)) {
        if (state === "delayed") await this.bringForward(existing, delay)
        return { jobId, deduplicated: true }
      }
      // Active (it may have read its data before this request's events) or finished.
      await client.eval(NEXT_GENERATION, 1, generationKey, generation)
    }
    throw new Error("recommendations: could not settle on a training job (too much contention)")
  }

  /** A delayed job due later than `delay` from now runs at that time instead (or now). */
  private async bringForward(job: Job<TrainingJobData>, delay: number): Promise<void> {
    const client = await this.queue.client
    const score = await client.zscore(this.queue.keys.delayed, job.id!)
    if (score === null) return
    const due = Math.floor(Number(score) / 0x1000)
    if (Date.now() + delay >= due) return
    try {
      if (delay <= 0) await job.promote()
      else await job.changeDelay(delay)
    } catch {
      // It left the delayed set meanwhile: it is waiting or running, sooner still.
    }
  }

  private listen(worker: Worker<TrainingJobData>): void {
    const base = (job: Job<TrainingJobData>, attempt: number) => ({
      jobId: job.id!,
      trigger: job.data.trigger,
      attempt,
    })
    worker.on("active", (job) => this.emit("started", base(job, job.attemptsMade + 1)))
    worker.on("progress", (job, progress) =>
      this.emit("progress", { ...base(job, job.attemptsMade + 1), progress: progress as never })
    )
    worker.on("completed", (job, result) => this.emit("completed", { ...base(job, job.attemptsMade), result }))
    worker.on("failed", (job, error) => {
      if (!job) return
      this.emit("failed", {
        ...base(job, Math.max(1, job.attemptsMade)),
        error: error.message,
        willRetry: !job.finishedOn,
      })
    })
    worker.on("stalled", (jobId) =>
      this.logger.warn(`recommendations: training job ${jobId} stalled (its worker stopped): it runs again`)
    )
    worker.on("error", (error) => this.reportError(error))
  }

  /**
   * One run at a time across every worker sharing the queue (a later run finishing first would
   * otherwise be overwritten by an older one), and exactly one repeatable job: the configured
   * pattern, or none.
   */
  private async registerSchedule(): Promise<void> {
    await this.queue.setGlobalConcurrency(1)
    const schedule = this.options.schedule === undefined ? DEFAULT_SCHEDULE : this.options.schedule
    const tz = this.options.timezone
    for (const repeatable of await this.scheduleQueue.getRepeatableJobs()) {
      if (!schedule || repeatable.pattern !== schedule || (repeatable.tz ?? undefined) !== tz) {
        await this.scheduleQueue.removeRepeatableByKey(repeatable.key)
      }
    }
    if (!schedule) return
    await this.scheduleQueue.add(
      "schedule",
      {},
      {
        repeat: { pattern: schedule, ...(tz ? { tz } : {}) },
        removeOnComplete: true,
        removeOnFail: { count: 10 },
      }
    )
  }

  /** Logs Redis errors once per distinct message, not on every reconnection attempt. */
  private reportError(error: Error): void {
    if (error.message === this.lastError) return
    this.lastError = error.message
    this.logger.error(`recommendations: training queue: ${error.message}`)
  }

  /**
   * Graceful: waits for the active run. Forced: kills the training process first, so the run's
   * attempt fails at once ("Unexpected exit code: null signal: SIGKILL"; retried by any worker
   * if attempts are left), then closes as gracefully, so the failure is written before the
   * connections close (BullMQ's own forced close would leave the run to finish in an orphaned
   * process that reports progress on a closed connection).
   */
  async close({ force = false }: { force?: boolean } = {}): Promise<void> {
    await this.ready
    await this.scheduleWorker?.close()
    if (force && this.worker) await killTrainingProcesses(this.worker)
    await this.worker?.close()
    await this.scheduleQueue.close()
    await this.queue.close()
  }
}

/**
 * SIGKILLs the training processes of a worker's sandbox (BullMQ 5.13's private child pool: the
 * version is pinned).
 */
async function killTrainingProcesses(worker: Worker): Promise<void> {
  type Child = { kill(signal?: string): Promise<void> }
  const pool = (worker as unknown as { childPool?: { retained: Record<string, Child> } }).childPool
  if (!pool) return
  await Promise.all(Object.values(pool.retained).map((child) => child.kill("SIGKILL")))
}
