/**
 * The training queue, independent of Medusa's container: BullMQ when a Redis URL is given, an
 * in-process queue (with one warning) otherwise. See types.ts for the semantics both share.
 */
import { BullMQTrainingQueue, type BullMQTrainingQueueOptions } from "./bullmq"
import { InProcessTrainingQueue } from "./in-process"
import type { QueueLogger, TrainingQueue } from "./types"

export * from "./types"
export { BullMQTrainingQueue, QUEUE_NAME, JOB_NAME, redisOptionsFromUrl } from "./bullmq"
export { InProcessTrainingQueue, IN_PROCESS_WARNING, nextCronTime } from "./in-process"
export { processorFile } from "./processor"

export type CreateTrainingQueueOptions = {
  /** Redis for BullMQ; none: the in-process queue. */
  redisUrl?: string
  /** Delay of order- and catalog-triggered runs (throttle, see types.ts). Default 5 minutes. */
  debounceMs?: number
  /** Cron pattern of the scheduled run; false for none. Default nightly at 03:00. */
  schedule?: string | false | null
  timezone?: string
  /** Absolute path of the training entry (a CommonJS module), run in the training process. */
  entry?: string
  /** JSON handed to the entry as `context.args`. */
  entryArgs?: unknown
  logger: QueueLogger
  /** Process training runs here (and keep the schedule); false: enqueue only. */
  worker: boolean
  /** Attempts per run (1 = no retry). Default 2. */
  attempts?: number
  /** First retry delay, doubled per attempt. Default 60 s. */
  backoffMs?: number
} & Pick<
  BullMQTrainingQueueOptions,
  | "prefix"
  | "queueName"
  | "lockDurationMs"
  | "stalledIntervalMs"
  | "maxStalledCount"
  | "keepJobs"
  | "requestTimeoutMs"
  | "processorFile"
>

export function createTrainingQueue(options: CreateTrainingQueueOptions): TrainingQueue {
  const { redisUrl, ...rest } = options
  if (redisUrl) return new BullMQTrainingQueue({ ...rest, redisUrl })
  return new InProcessTrainingQueue(rest)
}

