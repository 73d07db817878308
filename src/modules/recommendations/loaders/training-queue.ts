/**
 * Registers the module's training queue host (`TRAINING_QUEUE_HOST`). The queue itself is made
 * lazily: loaders also run for CLI commands (`medusa db:migrate` runs them "loader only", then
 * shuts the module down), which must neither start workers nor hold Redis connections open. The
 * service's onApplicationStart starts the worker where Medusa's worker mode allows it; its
 * onApplicationShutdown closes the queue.
 */
import type { InternalModuleDeclaration, LoaderOptions } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createTrainingQueue, type QueueLogger, type TrainingQueue } from "../../../queue"
import { trainingEntryFile, type TrainingEntryArgs } from "../../../training/types"
import type { RecommendationsPluginOptions } from "../../../types/options"
import { failRun } from "../utils/training-runs"

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

  constructor(private readonly settings: HostSettings) {}

  get options(): RecommendationsPluginOptions {
    return this.settings.options
  }

  /** The queue; before start(), one that only enqueues. */
  get(): TrainingQueue {
    this.queue ??= this.create(this.started && this.settings.mayWork)
    return this.queue
  }

  /** The application started: from now on the queue runs trainings here, if the mode allows. */
  async start(): Promise<void> {
    this.started = true
    if (this.queue && !this.working && this.settings.mayWork) {
      await this.queue.close()
      this.queue = undefined
    }
    this.get()
  }

  async close(): Promise<void> {
    const queue = this.queue
    this.queue = undefined
    this.started = false
    await queue?.close({ force: true })
  }

  private create(worker: boolean): TrainingQueue {
    const { options, logger, knex } = this.settings
    this.working = worker
    const queue = createTrainingQueue({
      redisUrl: options.redisUrl ?? this.settings.projectRedisUrl,
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
      queue.onFailed(({ jobId, error, willRetry }) =>
        failRun(knex, jobId, error, willRetry).catch((e) =>
          logger.error(`recommendations: could not mark training run ${jobId} failed: ${e.message}`)
        )
      )
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
