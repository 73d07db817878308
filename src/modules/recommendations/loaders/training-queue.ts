/**
 * Registers the module's training queue host (`TRAINING_QUEUE_HOST`). Loaders run wherever the
 * module loads, not only in a server: `medusa db:migrate` boots the application in `server` mode
 * for its migration scripts, and a loader-only run shuts the module down right after. So the
 * loader only registers the host; the service's onApplicationStart starts the queue with its
 * worker where Medusa's worker mode allows it (elsewhere the queue is made on the first request,
 * enqueue-only), and onApplicationShutdown closes it: no CLI command trains or keeps Redis open.
 */
import type { InternalModuleDeclaration, LoaderOptions } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { IN_PROCESS_WARNING, createTrainingQueue, type QueueLogger, type TrainingQueue, type TrainingTrigger } from "../../../queue"
import { trainingEntryFile, type TrainingEntryArgs } from "../../../training/types"
import type { RecommendationsPluginOptions } from "../../../types/options"
import { failRun, recordQueuedRun } from "../utils/training-runs"
import { failTune } from "../utils/tune-runs"

export const TRAINING_QUEUE_HOST = "recommendationsTrainingQueue"

type HostSettings = {
  options: RecommendationsPluginOptions
  /** The store's Redis (`projectConfig.redisUrl`), used when the plugin names none. */
  projectRedisUrl?: string
  /** False on a `server`-mode instance: it enqueues, others train. */
  mayWork: boolean
  entryArgs: TrainingEntryArgs
  logger: QueueLogger
  knex: Knex
}

/** Owns this instance's training queue: made on first use, with a worker once started. */
export class TrainingQueueHost {
  private queue?: TrainingQueue
  private working = false
  private started = false
  private closed = false
  /** Failed runs being marked. */
  private readonly marking = new Set<Promise<void>>()

  constructor(private readonly settings: HostSettings) {}

  get options(): RecommendationsPluginOptions {
    return this.settings.options
  }

  /** The queue; before start(), one that only enqueues. None after close() (shutdown). */
  get(): TrainingQueue {
    if (this.closed) throw new Error("recommendations: the training queue is closed (the application is shutting down)")
    this.queue ??= this.create(this.started && this.settings.mayWork)
    return this.queue
  }

  /**
   * The application started: where the mode allows, the queue (with its worker and schedule)
   * starts now; elsewhere it is made on the first request.
   */
  async start(): Promise<void> {
    this.started = true
    this.closed = false
    if (!this.settings.mayWork) return
    if (this.queue && !this.working) {
      await this.queue.close()
      this.queue = undefined
    }
    this.get()
  }

  async close(): Promise<void> {
    const queue = this.queue
    this.queue = undefined
    this.started = false
    this.closed = true
    await queue?.close({ force: true })
    // The run a forced close killed is marked before the database connection goes.
    await Promise.all(this.marking)
  }

  /**
   * Trains now, in a training process of this instance, whatever its worker mode, and resolves
   * when the run ends (rejects with its error): for scripts, which Medusa runs as `server`-mode
   * instances that would only enqueue (a history import trains before it returns). The run is
   * recorded like any other; this instance's queue and the store's workers are not involved.
   */
  async trainHere(trigger: TrainingTrigger): Promise<string> {
    const { logger } = this.settings
    const local = new TrainingQueueHost({
      ...this.settings,
      options: { ...this.settings.options, redisUrl: undefined, schedule: false },
      projectRedisUrl: undefined,
      mayWork: true,
      // This in-process queue is chosen, not a fallback: no warning about it.
      logger: {
        info: (m) => logger.info(m),
        warn: (m) => m !== IN_PROCESS_WARNING && logger.warn(m),
        error: (m) => logger.error(m),
      },
    })
    await local.start()
    try {
      const queue = local.get()
      const finished = new Promise<void>((resolve, reject) => {
        queue.onCompleted(() => resolve())
        queue.onFailed(({ error, willRetry }) => {
          if (!willRetry) reject(new Error(error))
        })
      })
      const { jobId } = await queue.requestTraining(trigger, { delayMs: 0 })
      await recordQueuedRun(this.settings.knex, jobId, trigger)
      await finished
      return jobId
    } finally {
      await local.close()
    }
  }

  private create(worker: boolean): TrainingQueue {
    const { options, logger, knex } = this.settings
    const redisUrl = options.redisUrl ?? this.settings.projectRedisUrl
    if (!redisUrl && !this.settings.mayWork) {
      logger.warn("recommendations: a server-mode instance without Redis cannot hand trainings to a worker: set redisUrl")
    }
    this.working = worker
    const queue = createTrainingQueue({
      redisUrl,
      prefix: options.queuePrefix,
      debounceMs: options.debounceMs,
      schedule: options.schedule,
      timezone: options.timezone,
      entry: this.entry(),
      entryArgs: this.settings.entryArgs,
      logger,
      worker,
    })
    // A training process that dies never reaches the entry's own error handling: the worker
    // that saw it fail marks the run.
    if (worker) {
      queue.onFailed(({ jobId, trigger, error, willRetry }) => {
        const mark = trigger === "tune" ? failTune : failRun
        const marking: Promise<void> = mark(knex, jobId, error, willRetry)
          .catch((e) => logger.error(`recommendations: could not mark ${trigger === "tune" ? "auto-tune" : "training run"} ${jobId} failed: ${e.message}`))
          .finally(() => this.marking.delete(marking))
        this.marking.add(marking)
      })
    }
    return queue
  }

  /**
   * The entry's path, carried by each job (a worker on another instance runs what the job names),
   * looked up when the queue is made: the compiled entry ships in the plugin's build.
   */
  private entry(): string | undefined {
    if (this.settings.options.trainingEntry) return this.settings.options.trainingEntry
    try {
      return trainingEntryFile()
    } catch (error) {
      this.settings.logger.error(`recommendations: ${(error as Error).message}: training runs will fail`)
      return undefined
    }
  }
}

export default async function trainingQueueLoader(
  { container, options }: LoaderOptions<RecommendationsPluginOptions>,
  moduleDeclaration?: InternalModuleDeclaration
): Promise<void> {
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const { databaseUrl, databaseSchema, databaseDriverOptions, redisUrl } = config.projectConfig
  const host = new TrainingQueueHost({
    options: options ?? {},
    projectRedisUrl: redisUrl,
    mayWork: moduleDeclaration?.worker_mode !== "server",
    entryArgs: {
      databaseUrl: databaseUrl!,
      ...(databaseSchema ? { databaseSchema } : {}),
      ...(databaseDriverOptions ? { databaseDriverOptions: databaseDriverOptions as Record<string, unknown> } : {}),
    },
    logger: container.resolve(ContainerRegistrationKeys.LOGGER),
    knex: container.resolve(ContainerRegistrationKeys.PG_CONNECTION),
  })
  container.register(TRAINING_QUEUE_HOST, asValue(host))
}
