/**
 * The training queue on a real Redis (REDIS_URL, default redis://127.0.0.1:6379) and its
 * in-process fallback. No Medusa here: the queue layer stands alone. The training process runs
 * the compiled processor (.medusa/server/src/queue/processor.js, made by `npm test`'s build) with
 * the entry test/fixtures/queue-entry.js. Every queue of this file uses its own key prefix,
 * obliterated at the end.
 */
import { fork } from "child_process"
import { once } from "events"
import fs from "fs"
import os from "os"
import path from "path"
import IORedis from "ioredis"
import { Queue } from "bullmq"
import {
  BullMQTrainingQueue,
  createTrainingQueue,
  IN_PROCESS_WARNING,
  nextCronTime,
  processorFile,
  redisOptionsFromUrl,
  type CreateTrainingQueueOptions,
  type TrainingCompletedEvent,
  type TrainingFailedEvent,
  type TrainingProgressEvent,
  type TrainingQueue,
} from "../../src/queue"
import { TRAINING_NICE } from "../../src/queue/processor"

jest.setTimeout(30_000)

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
const ENTRY = path.resolve(__dirname, "../fixtures/queue-entry.js")
const RUN = `recs-test-${process.pid}-${Date.now().toString(36)}`

let prefixes = 0
const opened: TrainingQueue[] = []
const usedPrefixes: string[] = []

function quietLogger() {
  return { info: jest.fn(), warn: jest.fn(), error: jest.fn() }
}

function open(options: Partial<CreateTrainingQueueOptions> & { redis: boolean }): TrainingQueue {
  const { redis, ...rest } = options
  const prefix = rest.prefix ?? `${RUN}-${prefixes++}`
  if (redis && !usedPrefixes.includes(prefix)) usedPrefixes.push(prefix)
  const queue = createTrainingQueue({
    redisUrl: redis ? REDIS_URL : undefined,
    prefix,
    debounceMs: 50,
    schedule: false,
    entry: ENTRY,
    logger: quietLogger(),
    worker: true,
    attempts: 1,
    backoffMs: 10,
    ...rest,
  })
  opened.push(queue)
  return queue
}

/** The next event of a kind that matches, or a rejection after `ms`. */
function next<E>(
  subscribe: (listener: (event: E) => void) => () => void,
  match: (event: E) => boolean = () => true,
  ms = 10_000
): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`no matching event in ${ms} ms`))
    }, ms)
    const unsubscribe = subscribe((event) => {
      if (!match(event)) return
      clearTimeout(timer)
      unsubscribe()
      resolve(event)
    })
  })
}

const completed = (queue: TrainingQueue, match?: (event: TrainingCompletedEvent) => boolean) =>
  next<TrainingCompletedEvent>((listener) => queue.onCompleted(listener), match)
const failed = (queue: TrainingQueue, match?: (event: TrainingFailedEvent) => boolean) =>
  next<TrainingFailedEvent>((listener) => queue.onFailed(listener), match)
const progressed = (queue: TrainingQueue, match?: (event: TrainingProgressEvent) => boolean) =>
  next<TrainingProgressEvent>((listener) => queue.onProgress(listener), match)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Each test's queues close after it: their workers' training processes end with them.
afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close({ force: true }).catch(() => undefined)))
})

afterAll(async () => {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 })
  try {
    for (const prefix of usedPrefixes) {
      for (const name of ["recommendations", "recommendations-schedule"]) {
        const queue = new Queue(name, { connection: redisOptionsFromUrl(REDIS_URL), prefix })
        await queue.obliterate({ force: true })
        await queue.close()
      }
      // Keys obliterate does not know: the generation counter.
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length) await redis.del(...keys)
    }
  } finally {
    redis.disconnect()
  }
})

it("runs the compiled processor", () => {
  expect(processorFile()).toMatch(/\.medusa[\\/]server[\\/]src[\\/]queue[\\/]processor\.js$/)
})

it("reads ioredis options from a Redis URL", () => {
  expect(redisOptionsFromUrl("redis://127.0.0.1:6379")).toEqual({ host: "127.0.0.1", port: 6379 })
  expect(redisOptionsFromUrl("rediss://me:p%40ss@cache.example:6380/2")).toEqual({
    host: "cache.example",
    port: 6380,
    username: "me",
    password: "p@ss",
    db: 2,
    tls: {},
  })
  expect(() => redisOptionsFromUrl("http://127.0.0.1")).toThrow(/redis:\/\//)
})

it("computes the next time of a cron pattern", () => {
  const after = Date.UTC(2025, 0, 1, 12, 0, 0)
  expect(nextCronTime("0 3 * * *", "UTC", after)).toBe(Date.UTC(2025, 0, 2, 3, 0, 0))
})

// First: ioredis keeps a closed, never-connected socket 2 s before destroying it.
it("fails a request promptly while Redis is unreachable (the events wait in Postgres)", async () => {
  const logger = quietLogger()
  const queue = createTrainingQueue({
    redisUrl: "redis://127.0.0.1:1",
    requestTimeoutMs: 300,
    schedule: false,
    entry: ENTRY,
    logger,
    worker: true,
  })
  const startedAt = Date.now()
  await expect(queue.requestTraining("order")).rejects.toThrow(/no answer from Redis/)
  expect(Date.now() - startedAt).toBeLessThan(2_000)
  await queue.close()
  expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/ECONNREFUSED/))
})

describe.each([
  ["BullMQ on Redis", true],
  ["in-process queue", false],
])("%s", (_, redis) => {
  it(redis ? "logs no warning" : "logs one warning at creation", async () => {
    const logger = quietLogger()
    const queue = open({ redis, logger })
    await queue.requestTraining("order", { delayMs: 60_000 })
    if (redis) expect(logger.warn).not.toHaveBeenCalled()
    else expect(logger.warn.mock.calls).toEqual([[IN_PROCESS_WARNING]])
  })

  it("gives 100 order requests one run", async () => {
    const queue = open({ redis, worker: false, debounceMs: 60_000 })
    const first = await queue.requestTraining("order")
    expect(first.deduplicated).toBe(false)
    const burst = await Promise.all(Array.from({ length: 99 }, () => queue.requestTraining("order")))
    expect(new Set(burst.map((r) => r.jobId))).toEqual(new Set([first.jobId]))
    expect(burst.every((r) => r.deduplicated)).toBe(true)
    if (redis) {
      const raw = new Queue("recommendations", {
        connection: redisOptionsFromUrl(REDIS_URL),
        prefix: usedPrefixes[usedPrefixes.length - 1],
      })
      try {
        expect(await raw.getJobCounts("delayed", "waiting", "active")).toMatchObject({ delayed: 1, waiting: 0, active: 0 })
        const job = (await raw.getJob(first.jobId))!
        expect(job.name).toBe("train")
        expect(job.data).toMatchObject({ trigger: "order", entry: ENTRY })
        expect(job.delay).toBe(60_000)
      } finally {
        await raw.close()
      }
    }
  })

  it("runs an order-triggered run after the debounce, in another process at a lower priority, reporting progress", async () => {
    const queue = open({ redis, debounceMs: 50 })
    const progress: TrainingProgressEvent[] = []
    queue.onProgress((event) => {
      progress.push(event)
    })
    const done = completed(queue)
    const requestedAt = Date.now()
    const { jobId } = await queue.requestTraining("order")
    const event = await done
    expect(Date.now() - requestedAt).toBeGreaterThanOrEqual(50)
    expect(event).toMatchObject({ jobId, trigger: "order", attempt: 1 })
    const result = event.result as { pid: number; jobId: string; trigger: string }
    expect(result).toMatchObject({ jobId, trigger: "order" })
    expect(result.pid).not.toBe(process.pid)
    // The training process yields the CPU to the server's requests.
    expect((result as { priority: number }).priority).toBeGreaterThanOrEqual(Math.max(TRAINING_NICE, os.getPriority()))
    expect(progress.map((p) => p.progress)).toEqual([
      { stage: "step 1", percent: 33, pid: result.pid },
      { stage: "step 2", percent: 67, pid: result.pid },
      { stage: "step 3", percent: 100, pid: result.pid },
    ])
    expect(progress.every((p) => p.jobId === jobId && p.attempt === 1)).toBe(true)
  })

  it("throttles orders: a later order joins the pending run without postponing it", async () => {
    const queue = open({ redis, debounceMs: 600 })
    const started = next<{ jobId: string }>((listener) => queue.onStarted(listener))
    const requestedAt = Date.now()
    const first = await queue.requestTraining("order")
    await sleep(400)
    expect(await queue.requestTraining("order")).toEqual({ jobId: first.jobId, deduplicated: true })
    expect((await started).jobId).toBe(first.jobId)
    // Due 600 ms after the first order; a debounce would have moved it to 1000 ms.
    const startedAfter = Date.now() - requestedAt
    expect(startedAfter).toBeGreaterThanOrEqual(590)
    expect(startedAfter).toBeLessThan(950)
  })

  it("brings a pending run forward for a request with a shorter delay", async () => {
    const queue = open({ redis, debounceMs: 60_000 })
    const order = await queue.requestTraining("order")
    const done = completed(queue)
    const requestedAt = Date.now()
    expect(await queue.requestTraining("catalog", { delayMs: 50 })).toEqual({ jobId: order.jobId, deduplicated: true })
    await done
    expect(Date.now() - requestedAt).toBeGreaterThanOrEqual(45)
    expect(Date.now() - requestedAt).toBeLessThan(5_000)
  })

  it("runs a manual request at once, promoting the run an order delayed", async () => {
    const queue = open({ redis, debounceMs: 60_000 })
    const order = await queue.requestTraining("order")
    const done = completed(queue)
    const requestedAt = Date.now()
    const manual = await queue.requestTraining("manual")
    expect(manual).toEqual({ jobId: order.jobId, deduplicated: true })
    const event = await done
    expect(event.jobId).toBe(order.jobId)
    expect(Date.now() - requestedAt).toBeLessThan(5_000)
  })

  it("adds a run with no delay for a manual request when none is pending", async () => {
    const queue = open({ redis, debounceMs: 60_000 })
    const done = completed(queue)
    const manual = await queue.requestTraining("manual")
    expect(manual.deduplicated).toBe(false)
    expect((await done).trigger).toBe("manual")
  })

  it("queues the next run when a request comes during an active one (nothing starves)", async () => {
    const queue = open({
      redis,
      debounceMs: 20,
      entryArgs: { mode: "hang", holdMs: 400, hangAttempts: 1 },
    })
    const hanging = progressed(queue, (e) => (e.progress as { stage: string }).stage === "hanging")
    const first = await queue.requestTraining("manual")
    await hanging
    const second = await queue.requestTraining("order")
    expect(second.deduplicated).toBe(false)
    expect(second.jobId).not.toBe(first.jobId)
    // A third joins the second, which is pending behind the active first.
    expect(await queue.requestTraining("order")).toEqual({ jobId: second.jobId, deduplicated: true })
    await completed(queue, (e) => e.jobId === second.jobId)
  })

  it("keeps auto-tunes apart from trainings: a tune never joins a pending training, nor a training a tune", async () => {
    const queue = open({ redis, worker: false, debounceMs: 60_000 })
    const order = await queue.requestTraining("order")
    const tune = await queue.requestTraining("tune")
    expect(order.jobId).toMatch(/^train-\d+$/)
    expect(tune).toEqual({ jobId: expect.stringMatching(/^tune-\d+$/), deduplicated: false })
    expect(await queue.requestTraining("tune")).toEqual({ jobId: tune.jobId, deduplicated: true })
    expect(await queue.requestTraining("manual")).toEqual({ jobId: order.jobId, deduplicated: true })
  })

  it("runs an auto-tune at once in the training process, while a training waits for its debounce", async () => {
    const queue = open({ redis, debounceMs: 60_000 })
    await queue.requestTraining("order")
    const done = completed(queue)
    const tune = await queue.requestTraining("tune")
    const event = await done
    expect(event).toMatchObject({ jobId: tune.jobId, trigger: "tune" })
    expect((event.result as { trigger: string; pid: number }).trigger).toBe("tune")
    expect((event.result as { pid: number }).pid).not.toBe(process.pid)
  })

  it("marks a run whose entry throws failed with its error", async () => {
    const queue = open({ redis, entryArgs: { mode: "fail", message: "training exploded: no orders" } })
    const failure = failed(queue)
    const { jobId } = await queue.requestTraining("manual")
    expect(await failure).toEqual({
      jobId,
      trigger: "manual",
      attempt: 1,
      error: "training exploded: no orders",
      willRetry: false,
    })
    if (redis) {
      const raw = new Queue("recommendations", {
        connection: redisOptionsFromUrl(REDIS_URL),
        prefix: usedPrefixes[usedPrefixes.length - 1],
      })
      try {
        const job = (await raw.getJob(jobId))!
        expect(await job.getState()).toBe("failed")
        expect(job.failedReason).toBe("training exploded: no orders")
      } finally {
        await raw.close()
      }
    }
  })

  it("fails a run whose training process is killed (one attempt)", async () => {
    const queue = open({ redis, attempts: 1, entryArgs: { mode: "hang" } })
    const hanging = progressed(queue, (e) => (e.progress as { stage: string }).stage === "hanging")
    const failure = failed(queue)
    const { jobId } = await queue.requestTraining("manual")
    const { pid } = (await hanging).progress as { pid: number }
    expect(pid).not.toBe(process.pid)
    process.kill(pid, "SIGKILL")
    const event = await failure
    expect(event).toMatchObject({ jobId, attempt: 1, willRetry: false })
    expect(event.error).toMatch(/SIGKILL/)
  })

  it("retries a run whose training process is killed when attempts are left", async () => {
    const queue = open({ redis, attempts: 2, backoffMs: 10, entryArgs: { mode: "hang", hangAttempts: 1 } })
    const hanging = progressed(queue, (e) => (e.progress as { stage: string }).stage === "hanging")
    const failure = failed(queue)
    const done = completed(queue)
    const { jobId } = await queue.requestTraining("manual")
    const { pid } = (await hanging).progress as { pid: number }
    process.kill(pid, "SIGKILL")
    expect(await failure).toMatchObject({ jobId, attempt: 1, willRetry: true })
    const event = await done
    expect(event).toMatchObject({ jobId, attempt: 2 })
    expect((event.result as { pid: number }).pid).not.toBe(pid)
  })

  it("kills the training process on a forced close and fails the attempt", async () => {
    const queue = open({ redis, attempts: 1, entryArgs: { mode: "hang" } })
    const hanging = progressed(queue, (e) => (e.progress as { stage: string }).stage === "hanging")
    const failure = failed(queue)
    const { jobId } = await queue.requestTraining("manual")
    const { pid } = (await hanging).progress as { pid: number }
    const closing = Date.now()
    await queue.close({ force: true })
    expect(Date.now() - closing).toBeLessThan(5_000)
    expect(await failure).toMatchObject({ jobId, willRetry: false, error: expect.stringMatching(/SIGKILL/) })
    expect(alive(pid)).toBe(false)
    if (redis) {
      const raw = new Queue("recommendations", {
        connection: redisOptionsFromUrl(REDIS_URL),
        prefix: usedPrefixes[usedPrefixes.length - 1],
      })
      try {
        expect(await (await raw.getJob(jobId))!.getState()).toBe("failed")
      } finally {
        await raw.close()
      }
    }
  })

  it("requests a run on its cron schedule", async () => {
    // Six fields: every second.
    const queue = open({ redis, schedule: "* * * * * *" })
    const event = await completed(queue)
    expect(event.trigger).toBe("schedule")
  })

  it("only enqueues where worker is false", async () => {
    const queue = open({ redis, worker: false, debounceMs: 0 })
    let events = 0
    queue.onStarted(() => {
      events++
    })
    await queue.requestTraining("manual")
    await sleep(300)
    expect(events).toBe(0)
  })
})

it("runs one training at a time across workers sharing the queue", async () => {
  const prefix = `${RUN}-shared`
  const options = { redis: true, prefix, debounceMs: 20, entryArgs: { mode: "hang", holdMs: 300 } }
  const first = open(options)
  const second = open(options)
  await Promise.all([(first as BullMQTrainingQueue).ready, (second as BullMQTrainingQueue).ready])
  const log: string[] = []
  for (const queue of [first, second]) {
    queue.onStarted((e) => {
      log.push(`started ${e.jobId}`)
    })
    queue.onCompleted((e) => {
      log.push(`completed ${e.jobId}`)
    })
  }
  // Either queue's worker may take a job: listen on both.
  const onBoth =
    <E>(on: (queue: TrainingQueue, listener: (event: E) => void) => () => void) =>
    (listener: (event: E) => void) => {
      const offs = [first, second].map((queue) => on(queue, listener))
      return () => offs.forEach((off) => off())
    }
  const hanging = next<TrainingProgressEvent>(onBoth((queue, listener) => queue.onProgress(listener)))
  const a = await first.requestTraining("manual")
  await hanging
  const b = await second.requestTraining("order")
  expect(b.jobId).not.toBe(a.jobId)
  await next<TrainingCompletedEvent>(
    onBoth((queue, listener) => queue.onCompleted(listener)),
    (e) => e.jobId === b.jobId
  )
  expect(log).toEqual([`started ${a.jobId}`, `completed ${a.jobId}`, `started ${b.jobId}`, `completed ${b.jobId}`])
})

it("keeps one repeatable job per queue, with the configured pattern", async () => {
  const prefix = `${RUN}-schedule`
  const base = { redis: true, prefix, worker: true }
  const scheduled = async () => {
    const raw = new Queue("recommendations-schedule", { connection: redisOptionsFromUrl(REDIS_URL), prefix })
    try {
      return (await raw.getRepeatableJobs()).map((job) => job.pattern)
    } finally {
      await raw.close()
    }
  }
  await open({ ...base, schedule: undefined }).close()
  expect(await scheduled()).toEqual(["0 3 * * *"])
  await open({ ...base, schedule: "0 4 * * *" }).close()
  expect(await scheduled()).toEqual(["0 4 * * *"])
  await open({ ...base, schedule: false }).close()
  expect(await scheduled()).toEqual([])
})


/** False once the process is gone (or a zombie nobody reaped yet). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = `/proc/${pid}/stat`
  return !(fs.existsSync(stat) && fs.readFileSync(stat, "utf8").split(") ")[1]?.startsWith("Z"))
}

it("runs again a job whose worker process died mid-run (stalled); the orphaned training process exits", async () => {
  const prefix = `${RUN}-stalled`
  usedPrefixes.push(prefix)
  const marker = path.join(os.tmpdir(), `${RUN}-stalled-marker`)
  const options = {
    prefix,
    schedule: false as const,
    entry: ENTRY,
    attempts: 1,
    lockDurationMs: 1_000,
    stalledIntervalMs: 200,
    entryArgs: { mode: "hang-once", marker, holdMs: 30_000 },
  }
  // A server with a worker, in its own process: it requests a run that hangs in its training process.
  const server = fork(
    path.resolve(__dirname, "../fixtures/queue-worker.js"),
    [path.join(path.dirname(processorFile()), "index.js"), JSON.stringify({ ...options, redisUrl: REDIS_URL })],
    { stdio: "inherit" }
  )
  try {
    const { jobId, pid } = await new Promise<{ jobId: string; pid: number }>((resolve, reject) => {
      server.on("message", (message: any) => {
        if (message.progress?.progress?.stage === "hanging") {
          resolve({ jobId: message.progress.jobId, pid: message.progress.progress.pid })
        }
        if (message.error) reject(new Error(message.error))
      })
      server.on("exit", (code) => reject(new Error(`worker process exited (${code})`)))
    })
    expect(pid).not.toBe(server.pid)
    // The server dies: its lock on the job is no longer renewed.
    server.kill("SIGKILL")
    await once(server, "exit")

    const logger = quietLogger()
    const queue = open({ redis: true, ...options, logger })
    const event = await completed(queue, (e) => e.jobId === jobId)
    expect((event.result as { pid: number }).pid).not.toBe(pid)
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`${jobId} stalled`)))
    // Its training process noticed its parent was gone and ended.
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(20)
    expect(alive(pid)).toBe(false)
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL")
    fs.rmSync(marker, { force: true })
  }
})
