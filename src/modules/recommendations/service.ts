import type { Context, Logger } from "@medusajs/framework/types"
import type { Knex, SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { SURFACE_DEFAULTS } from "../../engine/params"
import type { Surface, SurfaceSettings } from "../../engine/types"
import {
  INTERACTION_TYPES,
  InteractionEvent,
  ModelArtifact,
  ModelVersion,
  ProductDocument,
  RecommendationRule,
  RecommendationSetting,
  SETTINGS_SURFACES,
  TrainingRun,
  TuneRun,
} from "./models"
import type {
  LoadedModel,
  RecordEventInput,
  RecordEventsResult,
  SavedModelVersion,
  SaveModelVersionInput,
} from "./types"
import { readCurrentModel, writeModelVersion, type WriteOptions } from "./utils/model-store"
import type { RequestTrainingOptions, RequestTrainingResult, TrainingTrigger } from "../../queue/types"
import { TRAINING_QUEUE_HOST, type TrainingQueueHost } from "./loaders/training-queue"
import { deleteProductDocuments, upsertProductDocuments, type ProductDocumentInput } from "./utils/product-documents"
import { recordQueuedRun } from "./utils/training-runs"
import { recordQueuedTune } from "./utils/tune-runs"
import { mergeSurfaceSettings, type DeepPartial } from "./utils/settings"
import { ServingState, type HistoryEvent, type HistoryType, type ServingSnapshot, type Shopper } from "./serving"
import { readRecentlyViewed, readShopperHistory } from "./serving/reads"
import type { StoredRule } from "./serving/rules"
import { entityId } from "./utils/entity-id"

const EVENT_TABLE = "recommendation_interaction_event"
const SETTINGS_TABLE = "recommendation_settings"
/** Rows per INSERT (12 parameters each, well under Postgres' 65,535). */
const EVENT_BATCH = 1000

/**
 * The recommendations module: generated CRUD for every model (listInteractionEvents,
 * createTrainingRuns, updateRecommendationRules, ...) plus the few operations that need SQL of
 * their own. Large or conflict-sensitive writes go through the module's knex (the connection of
 * the manager Medusa injects, inside the caller's transaction when there is one), not the ORM's
 * unit of work.
 */
export default class RecommendationsModuleService extends MedusaService({
  InteractionEvent,
  ProductDocument,
  RecommendationSetting,
  RecommendationRule,
  ModelVersion,
  ModelArtifact,
  TrainingRun,
  TuneRun,
}) {
  protected readonly trainingQueue_: TrainingQueueHost
  protected readonly logger_: Logger

  constructor(container: { [TRAINING_QUEUE_HOST]: TrainingQueueHost; logger: Logger }) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.trainingQueue_ = container[TRAINING_QUEUE_HOST]
    this.logger_ = container.logger
  }

  __hooks = {
    /** Trainings run only once the application is up (never for CLI commands), where the worker mode allows. */
    onApplicationStart: async () => {
      await this.trainingQueue_.start()
    },
    /** Kills a running training (its attempt fails and is retried elsewhere) and closes the queue. */
    onApplicationShutdown: async () => {
      await this.trainingQueue_.close()
    },
  }

  /** The plugin's options as the store configured them. */
  get pluginOptions() {
    return this.trainingQueue_.options
  }

  /**
   * Asks for a training run (see queue/types.ts: requests join a pending run). A new run is
   * recorded `queued`; a joined one already is. Throws when the queue cannot be reached: the
   * signals that prompted the request are stored either way, and the next run reads them.
   */
  @InjectManager()
  async requestTraining(
    trigger: TrainingTrigger,
    options: RequestTrainingOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RequestTrainingResult> {
    if (trigger === "tune") return await this.requestTune(sharedContext)
    const requested = await this.trainingQueue_.get().requestTraining(trigger, options)
    if (!requested.deduplicated) await recordQueuedRun(knexOf(sharedContext), requested.jobId, trigger)
    return requested
  }

  /**
   * Trains now in this process and resolves with the run's job id when it has succeeded (rejects
   * when it failed): for scripts, which Medusa runs in `server` mode, where requestTraining only
   * enqueues for a worker.
   */
  async trainHere(trigger: TrainingTrigger): Promise<string> {
    return this.trainingQueue_.trainHere(trigger)
  }

  /**
   * Asks for an auto-tune (run by the training queue, after any active run): a pending tune is
   * joined, otherwise a new one is recorded `queued`. Throws when the queue cannot be reached.
   */
  @InjectManager()
  async requestTune(@MedusaContext() sharedContext: Context = {}): Promise<RequestTrainingResult> {
    const requested = await this.trainingQueue_.get().requestTraining("tune")
    if (!requested.deduplicated) await recordQueuedTune(knexOf(sharedContext), requested.jobId)
    return requested
  }

  /** Like requestTraining, for background callers (subscribers, imports): a failure is logged, not thrown. */
  async requestTrainingQuietly(trigger: TrainingTrigger): Promise<RequestTrainingResult | null> {
    try {
      return await this.requestTraining(trigger)
    } catch (error) {
      this.logger_.warn(
        `recommendations: a "${trigger}" training could not be queued (${(error as Error).message}); the next run includes its data`
      )
      return null
    }
  }

  /** True once a history import has asked for its training: the store's history is in. */
  async hasImportedHistory(): Promise<boolean> {
    const [run] = await this.listTrainingRuns({ trigger: "backfill" }, { take: 1, select: ["id"] })
    return !!run
  }

  /** Writes products' documents (created, updated or restored products). */
  @InjectManager()
  async upsertProductDocuments(
    documents: ProductDocumentInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    return await upsertProductDocuments(knexOf(sharedContext), documents)
  }

  /** Soft-deletes deleted products' documents (by product id). */
  @InjectManager()
  async removeProductDocuments(productIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await deleteProductDocuments(knexOf(sharedContext), productIds)
  }

  /**
   * Records signals. Purchases are idempotent per order: a unique index on (order_id, product_id,
   * type) over rows with an order, and INSERT ... ON CONFLICT DO NOTHING, so a re-delivered
   * order.placed adds nothing. Lines of one product in one order (several variants) are summed
   * into one purchase first.
   */
  @InjectManager()
  async recordEvents(
    events: RecordEventInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordEventsResult> {
    const rows = normaliseEvents(events)
    const knex = knexOf(sharedContext)
    let recorded = 0
    for (let i = 0; i < rows.length; i += EVENT_BATCH) {
      const insert = knex(EVENT_TABLE).insert(rows.slice(i, i + EVENT_BATCH)).toSQL()
      const result = await knex.raw(
        `${insert.sql} ON CONFLICT (order_id, product_id, type) WHERE order_id IS NOT NULL AND deleted_at IS NULL DO NOTHING RETURNING id`,
        insert.bindings as Knex.RawBinding[]
      )
      recorded += result.rows.length
    }
    return { recorded, skipped: events.length - recorded }
  }

  /** A surface's settings: the engine's production defaults merged with what the merchant stored. */
  async getSettings(surface: Surface, sharedContext?: Context): Promise<SurfaceSettings>
  async getSettings(surface?: undefined, sharedContext?: Context): Promise<Record<Surface, SurfaceSettings>>
  @InjectManager()
  async getSettings(
    surface?: Surface,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SurfaceSettings | Record<Surface, SurfaceSettings>> {
    if (surface !== undefined) assertSurface(surface)
    const rows = await this.listRecommendationSettings(surface ? { surface } : {}, {}, sharedContext)
    const stored = new Map(rows.map((r) => [r.surface as Surface, r.settings as DeepPartial<SurfaceSettings>]))
    if (surface) return mergeSurfaceSettings(SURFACE_DEFAULTS[surface], stored.get(surface))
    return Object.fromEntries(
      SETTINGS_SURFACES.map((s) => [s, mergeSurfaceSettings(SURFACE_DEFAULTS[s], stored.get(s))])
    ) as Record<Surface, SurfaceSettings>
  }

  /**
   * Stores a surface's override (replacing the previous one; `{}` resets to the defaults) and
   * returns the merged settings.
   */
  @InjectManager()
  async saveSettings(
    surface: Surface,
    settings: DeepPartial<SurfaceSettings>,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SurfaceSettings> {
    assertSurface(surface)
    if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "settings must be an object")
    }
    const knex = knexOf(sharedContext)
    await knex(SETTINGS_TABLE)
      .insert({ id: entityId("recset"), surface, settings: JSON.stringify(settings) })
      .onConflict("surface")
      .merge({ settings: JSON.stringify(settings), updated_at: knex.fn.now(), deleted_at: null })
    return mergeSurfaceSettings(SURFACE_DEFAULTS[surface], settings)
  }

  /**
   * Writes a complete new model version (status `building`, artifacts in chunks), then in one
   * transaction makes it current and the previous current one `superseded`. On failure the new
   * version is marked `failed` and the previous one keeps serving.
   */
  @InjectManager()
  async saveModelVersion(
    input: SaveModelVersionInput,
    options: WriteOptions = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SavedModelVersion> {
    return await writeModelVersion(knexOf(sharedContext), input, options)
  }

  /** The current model with its ids, or null before the first training. */
  @InjectManager()
  async loadCurrentModel(@MedusaContext() sharedContext: Context = {}): Promise<LoadedModel | null> {
    return await readCurrentModel(knexOf(sharedContext))
  }

  /**
   * A canceled order's purchases, deleted: the next training no longer counts its products as
   * bought, or bought together. Returns the rows deleted.
   */
  @InjectManager()
  async forgetOrderPurchases(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    if (typeof orderId !== "string" || !orderId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "order_id is required")
    }
    return await knexOf(sharedContext)(EVENT_TABLE).where({ order_id: orderId, type: "purchase" }).delete()
  }

  /**
   * Deletes (not soft-deletes) a customer's events, and the anonymous events of the sessions
   * that customer used. Returns the rows deleted. Trained models hold no per-customer data;
   * the next training no longer sees the purchases.
   */
  @InjectManager()
  async eraseCustomer(customerId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    if (typeof customerId !== "string" || !customerId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "customer_id is required")
    }
    const knex = knexOf(sharedContext)
    const sessions = knex(EVENT_TABLE).distinct("session_id").where({ customer_id: customerId }).whereNotNull("session_id")
    return await knex(EVENT_TABLE)
      .where({ customer_id: customerId })
      .orWhere((q) => q.whereNull("customer_id").whereIn("session_id", sessions))
      .delete()
  }

  /** Serving state of this process, made on first use (see serving/state.ts). */
  protected serving_: ServingState | undefined

  /**
   * What a storefront request ranks with: the current model and catalogue in memory, settings and
   * rules. Never reads the model on the request path except for the very first request.
   */
  async getServingSnapshot(): Promise<ServingSnapshot> {
    this.serving_ ??= new ServingState({
      knex: () => this.servingKnex_(),
      settings: () => this.getSettings(),
      rules: () => this.listRecommendationRules({ enabled: true }) as Promise<StoredRule[]>,
      onError: (error) => this.logger_.warn(`Recommendations: serving state not refreshed: ${error}`),
    })
    return await this.serving_.snapshot()
  }

  /**
   * Settings or rules were changed (and committed): this process's next storefront request reads
   * them again; other server processes pick them up within SERVING.settingsTtlMs.
   */
  settingsChanged(): void {
    this.serving_?.invalidateSettings()
  }

  /** A shopper's newest events of the given types, newest first (one indexed query). */
  @InjectManager()
  async listShopperHistory(
    shopper: Shopper,
    types: HistoryType[],
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<HistoryEvent[]> {
    return await readShopperHistory(knexOf(sharedContext), shopper, types, limit)
  }

  /** The distinct products a shopper viewed, most recent first. */
  @InjectManager()
  async listRecentlyViewed(
    shopper: Shopper,
    limit: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ product_id: string; viewed_at: Date }[]> {
    return await readRecentlyViewed(knexOf(sharedContext), shopper, limit)
  }

  @InjectManager()
  protected async servingKnex_(@MedusaContext() sharedContext: Context = {}): Promise<Knex> {
    return knexOf(sharedContext)
  }
}

/** The knex of the context's manager, bound to its transaction when there is one. */
function knexOf(sharedContext: Context): Knex {
  const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
  const trx = manager.getTransactionContext<Knex.Transaction>()
  return trx ?? manager.getKnex()
}

function assertSurface(surface: unknown): asserts surface is Surface {
  if (!SETTINGS_SURFACES.includes(surface as Surface)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Unknown surface "${surface}": expected one of ${SETTINGS_SURFACES.join(", ")}`
    )
  }
}

const optionalId = (event: RecordEventInput, key: keyof RecordEventInput, index: number): string | null => {
  const value = event[key]
  if (value === undefined || value === null || value === "") return null
  if (typeof value !== "string") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `events[${index}].${key} must be a string`)
  }
  return value
}

/** Validated rows, purchases of one product in one order merged (quantities summed). */
function normaliseEvents(events: RecordEventInput[]): Record<string, unknown>[] {
  if (!Array.isArray(events)) throw new MedusaError(MedusaError.Types.INVALID_DATA, "events must be an array")
  const rows: Record<string, unknown>[] = []
  const byOrderLine = new Map<string, Record<string, unknown>>()
  events.forEach((event, i) => {
    if (!INTERACTION_TYPES.includes(event?.type)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `events[${i}].type must be one of ${INTERACTION_TYPES.join(", ")}`
      )
    }
    if (typeof event.product_id !== "string" || !event.product_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `events[${i}].product_id is required`)
    }
    const quantity = event.quantity ?? 1
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `events[${i}].quantity must be a positive integer`)
    }
    const occurredAt = event.occurred_at === undefined ? new Date() : new Date(event.occurred_at)
    if (!Number.isFinite(occurredAt.getTime())) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `events[${i}].occurred_at is not a date`)
    }
    const orderId = optionalId(event, "order_id", i)
    if (orderId) {
      const key = `${orderId}\u0000${event.product_id}\u0000${event.type}`
      const earlier = byOrderLine.get(key)
      if (earlier) {
        earlier.quantity = (earlier.quantity as number) + quantity
        return
      }
    }
    const row = {
      id: entityId("recev"),
      type: event.type,
      product_id: event.product_id,
      variant_id: optionalId(event, "variant_id", i),
      customer_id: optionalId(event, "customer_id", i),
      session_id: optionalId(event, "session_id", i),
      order_id: orderId,
      quantity,
      sales_channel_id: optionalId(event, "sales_channel_id", i),
      recommendation_id: optionalId(event, "recommendation_id", i),
      occurred_at: occurredAt,
      metadata: event.metadata == null ? null : JSON.stringify(event.metadata),
    }
    if (orderId) byOrderLine.set(`${orderId}\u0000${event.product_id}\u0000${event.type}`, row)
    rows.push(row)
  })
  return rows
}
