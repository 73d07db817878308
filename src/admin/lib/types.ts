/** Shapes of the plugin's admin API (src/api/admin/recommendations), as the admin reads them. */
import { SOURCES, SURFACES, type Fallback, type Source, type Surface } from "../../engine/types"
import type { RecommendationRuleFields, RuleCondition, RuleMatch } from "../../workflows/rules/types"

export { SOURCES, SURFACES }
export type { Fallback, RuleCondition, RuleMatch, Source, Surface }

export const SURFACE_LABELS: Record<Surface, string> = {
  also_bought: "Also bought",
  related: "Related",
  cart: "Complete your cart",
  for_you: "For you",
}

export const SOURCE_LABELS: Record<Source, string> = {
  cooccurrence: "Co-purchase",
  content: "Content",
  personal: "Personal history",
  trending: "Trending",
}

export const FALLBACKS: readonly Fallback[] = ["cooccurrence", "content", "category_trending", "trending"]

export const FALLBACK_LABELS: Record<Fallback, string> = {
  cooccurrence: "Co-purchase",
  content: "Similar content",
  category_trending: "Trending in the category",
  trending: "Trending",
}

export type SurfaceSettings = {
  weights: Record<Source, number>
  fallbacks: Fallback[]
  min_score: number
  limit: number
  diversity: { lambda: number; max_per_category: number; exploration_slots: number }
  filters: { exclude_cart: boolean; exclude_purchased: boolean; available_only: boolean }
}

export type SettingsResponse = {
  settings: Record<Surface, SurfaceSettings>
  defaults: Record<Surface, SurfaceSettings>
}

export const RULE_KINDS = ["pin", "exclude", "boost", "bury", "recommend_from"] as const
export type RuleKind = (typeof RULE_KINDS)[number]

export type Rule = RecommendationRuleFields & { id: string; created_at: string }

export type RuleInput = Partial<Omit<Rule, "id" | "created_at">> & { kind?: RuleKind }

export type TaskMetrics = { ndcg: number; hitRate: number; coverage: number }

export type Evaluation =
  | {
      status: "evaluated"
      k: number
      trainOrders: number
      testOrders: number
      tasks: Record<string, { cases: number; hybrid: TaskMetrics; popularity: TaskMetrics; hybridBelowPopularity: boolean }>
      hybridBelowPopularity: boolean
    }
  | { status: "skipped" | "failed"; reason: string }

export type TrainingRun = {
  id: string
  status: "queued" | "running" | "succeeded" | "failed"
  trigger: string
  progress: number
  stage: string | null
  started_at: string | null
  finished_at: string | null
  timings: Record<string, number> | null
  counts: { orders?: number; products?: number; lines?: number; customers?: number } | null
  evaluation: Evaluation | null
  error: string | null
  created_at: string
}

export type RecommendedProduct = {
  id: string
  title?: string
  handle?: string
  thumbnail?: string | null
  recommendation: { score: number; sources: Record<string, number>; reason: string }
}

export type PreviewResponse = { surface: string; products: RecommendedProduct[] }

export type TrainingSchedule = { schedule: string | null; timezone: string | null; debounce_ms: number }

/** What auto-tune searches on a surface, as the admin API names it. */
export type TunedValues = {
  weights: Record<Source, number>
  diversity: { lambda: number; max_per_category: number }
}

export type TuneFigures = { ndcg: number; hit_rate: number; coverage: number | null; cases: number }

export type TuneSurface = {
  changed: boolean
  skipped?: string
  evaluations: number
  current: TunedValues
  proposed: TunedValues
  current_figures: TuneFigures
  proposed_figures: TuneFigures
}

export type TunedSurfaceName = "also_bought" | "for_you"

export type TuneResult =
  | {
      status: "proposed"
      k: number
      test_fraction: number
      orders: number
      train_orders: number
      test_orders: number
      changed: boolean
      surfaces: Record<TunedSurfaceName, TuneSurface>
      timings: Record<string, number>
    }
  | { status: "not_enough_history"; reason: string; orders: number; min_orders: number; timings: Record<string, number> }

export type TuneRun = {
  id: string
  status: "queued" | "running" | "succeeded" | "failed"
  job_id: string | null
  progress: number
  stage: string | null
  started_at: string | null
  finished_at: string | null
  result: TuneResult | null
  error: string | null
  accepted_at: string | null
  created_at: string
}
