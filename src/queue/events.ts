/** The listener half of TrainingQueue, shared by both implementations. */
import type {
  Listener,
  QueueLogger,
  TrainingCompletedEvent,
  TrainingFailedEvent,
  TrainingJobEvent,
  TrainingProgressEvent,
  Unsubscribe,
} from "./types"

type EventMap = {
  started: TrainingJobEvent
  progress: TrainingProgressEvent
  completed: TrainingCompletedEvent
  failed: TrainingFailedEvent
}

export class TrainingEvents {
  private readonly listeners: { [K in keyof EventMap]: Set<Listener<EventMap[K]>> } = {
    started: new Set(),
    progress: new Set(),
    completed: new Set(),
    failed: new Set(),
  }

  constructor(protected readonly logger: QueueLogger) {}

  onStarted(listener: Listener<TrainingJobEvent>): Unsubscribe {
    return this.on("started", listener)
  }

  onProgress(listener: Listener<TrainingProgressEvent>): Unsubscribe {
    return this.on("progress", listener)
  }

  onCompleted(listener: Listener<TrainingCompletedEvent>): Unsubscribe {
    return this.on("completed", listener)
  }

  onFailed(listener: Listener<TrainingFailedEvent>): Unsubscribe {
    return this.on("failed", listener)
  }

  private on<K extends keyof EventMap>(name: K, listener: Listener<EventMap[K]>): Unsubscribe {
    this.listeners[name].add(listener)
    return () => {
      this.listeners[name].delete(listener)
    }
  }

  /** Calls every listener; a listener that throws or rejects is logged, never breaks the queue. */
  protected emit<K extends keyof EventMap>(name: K, event: EventMap[K]): void {
    for (const listener of this.listeners[name]) {
      const report = (error: unknown) =>
        this.logger.error(`recommendations: a training ${name} listener failed: ${errorMessage(error)}`)
      try {
        const returned = listener(event)
        if (returned && typeof returned.then === "function") returned.then(undefined, report)
      } catch (error) {
        report(error)
      }
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
