import type { Model, Surface, SurfaceSettings } from "../../engine/types"
import type { ArtifactManifest } from "./utils/model-artifacts"
import type { INTERACTION_TYPES } from "./models/interaction-event"

export type InteractionType = (typeof INTERACTION_TYPES)[number]

/** One signal to record (see RecommendationsModuleService.recordEvents). */
export interface RecordEventInput {
  type: InteractionType
  product_id: string
  variant_id?: string | null
  customer_id?: string | null
  session_id?: string | null
  /** Purchases: the order; (order_id, product_id, type) is recorded at most once. */
  order_id?: string | null
  /** Units; default 1. Purchases of several lines of one product in one order are summed. */
  quantity?: number
  sales_channel_id?: string | null
  recommendation_id?: string | null
  /** Default: now. */
  occurred_at?: Date | string | number
  metadata?: Record<string, unknown> | null
}

export interface RecordEventsResult {
  /** Rows written. */
  recorded: number
  /** Purchases already recorded for their order (re-delivered events), or merged lines. */
  skipped: number
}

/** What a model was trained on. */
export interface ModelCounts {
  orders: number
  lines: number
  products: number
  customers: number
  [key: string]: number
}

export interface SaveModelVersionInput {
  model: Model
  /** Item index -> product id (length model.nItems). */
  productIds: string[]
  /** Category index -> category id, for model.categoryTrending's rows (may be empty). */
  categoryIds?: string[]
  counts: ModelCounts
  /** Newest event the model saw; default model.trainedUntil. */
  trainedUntil?: Date | number | null
}

export interface LoadedModel {
  id: string
  version: number
  model: Model
  productIds: string[]
  categoryIds: string[]
  counts: ModelCounts
  trainedUntil: Date | null
}

export interface SavedModelVersion {
  id: string
  version: number
}

export type { ArtifactManifest, Surface, SurfaceSettings }
