/**
 * The training process. It runs apart from the server in one of two ways:
 * - as BullMQ's sandboxed processor: BullMQ forks a child that imports this file and calls its
 *   default export with each job (bullmq.ts gives the Worker this file's path);
 * - forked by the in-process queue (in-process.ts), one child per run: run as a main module, it
 *   takes one job by IPC message, reports back by IPC and exits.
 *
 * Either way it loads the job's training entry (an absolute path in `job.data.entry`, else the
 * RECOMMENDATIONS_TRAINING_ENTRY environment variable) and calls it with a context whose
 * `progress()` is the job's `updateProgress`. Entries are CommonJS: the compiled build's modules,
 * or test fixtures.
 *
 * The child is plain node without a TypeScript loader, so it always runs the compiled file
 * (`.medusa/server/src/queue/processor.js`); `processorFile()` finds it, also when the caller runs
 * from the TypeScript sources (jest), after `npm run build`.
 */
import fs from "fs"
import os from "os"
import path from "path"
import {
  TRAINING_ENTRY_ENV,
  type TrainingEntry,
  type TrainingEntryContext,
  type TrainingJobData,
  type TrainingProgress,
} from "./types"

/** What this file needs of a job: BullMQ's SandboxedJob, or the in-process queue's. */
export type ProcessorJob = {
  id?: string
  data: TrainingJobData
  attemptsMade?: number
  updateProgress(progress: TrainingProgress): Promise<void>
  log?(message: string): Promise<unknown>
}

/**
 * Loads the job's entry and runs it; resolves to the entry's result. Called only in a training
 * process: there it also ends that process when its parent (the worker) goes away, so a run
 * whose worker died stops instead of training on, orphaned, while the job is run again.
 */
export default async function processTrainingJob(job: ProcessorJob): Promise<unknown> {
  exitWithParent()
  yieldToServer()
  const entry = loadEntry(job.data.entry || process.env[TRAINING_ENTRY_ENV])
  const context: TrainingEntryContext = {
    jobId: String(job.id),
    trigger: job.data.trigger,
    attempt: (job.attemptsMade ?? 0) + 1,
    args: job.data.args,
    progress: (progress) => job.updateProgress(progress),
    log: async (message) => {
      await job.log?.(message)
    },
  }
  const result = await entry(context)
  return result === undefined ? null : result
}

let watchingParent = false

/**
 * Nice value of the training process (and of the worker threads it starts, which inherit it): on
 * a small machine training would otherwise take the cores the HTTP server needs, and requests
 * would wait for it.
 */
export const TRAINING_NICE = 10

/**
 * On Linux a nice value belongs to one thread, and V8's helper threads (garbage collection,
 * compilation) start with the process, before this runs: each thread is reniced, or training's
 * garbage collection competes with the server at full priority.
 */
function yieldToServer(): void {
  let threads = [0]
  try {
    threads = fs.readdirSync("/proc/self/task").map(Number)
  } catch {
    // No /proc (macOS, Windows): the process's priority is the threads' priority.
  }
  for (const thread of threads) {
    try {
      if (os.getPriority(thread) < TRAINING_NICE) os.setPriority(thread, TRAINING_NICE)
    } catch {
      // Not permitted here (some containers): that thread runs at the server's priority.
    }
  }
}

function exitWithParent(): void {
  if (watchingParent || !process.send) return
  watchingParent = true
  process.once("disconnect", () => process.exit(1))
}

function loadEntry(file: string | undefined): TrainingEntry {
  if (!file) throw new Error(`No training entry: the job names none and ${TRAINING_ENTRY_ENV} is not set`)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaded = require(path.resolve(file))
  const entry = typeof loaded === "function" ? loaded : loaded?.default ?? loaded?.train
  if (typeof entry !== "function") throw new Error(`Training entry ${file} exports no function`)
  return entry
}

/**
 * The compiled processor's path: this file itself in the build; from the TypeScript sources,
 * the same file in the package's build (`npm run build` makes it).
 */
export function processorFile(): string {
  if (path.extname(__filename) === ".js") return __filename
  const built = path.resolve(__dirname, "../../.medusa/server/src/queue/processor.js")
  if (!fs.existsSync(built)) {
    throw new Error(`The training processor runs compiled: ${built} is missing (run \`npm run build\`)`)
  }
  return built
}

/** Messages between the in-process queue and this file run as a forked child. */
export type ChildRequest = { cmd: "start"; job: { id: string; data: TrainingJobData; attemptsMade: number } }
export type ChildReply =
  | { cmd: "progress"; value: TrainingProgress }
  | { cmd: "log"; value: string }
  | { cmd: "completed"; value: unknown }
  | { cmd: "failed"; error: { message: string; name?: string; stack?: string } }

function send(message: ChildReply): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error("no IPC channel"))
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()))
  })
}

/** Forked by the in-process queue: one job, then exit (the run's memory goes with the process). */
function runAsChild(): void {
  process.once("message", async (message: ChildRequest) => {
    if (message?.cmd !== "start") return process.exit(1)
    let reply: ChildReply
    try {
      const value = await processTrainingJob({
        ...message.job,
        updateProgress: (value) => send({ cmd: "progress", value }),
        log: (value) => send({ cmd: "log", value }),
      })
      reply = { cmd: "completed", value }
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught))
      reply = { cmd: "failed", error: { message: error.message, name: error.name, stack: error.stack } }
    }
    await send(reply).catch(() => undefined)
    process.exit(0)
  })
}

if (require.main === module) runAsChild()
