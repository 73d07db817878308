/**
 * One auto-tune, start to end, on an open connection (the training process runs it for a job
 * with trigger "tune"): record the tune as started, read the merchant's current settings and the
 * store's history (the same snapshot reader as training), search the blend weights and diversity
 * on the offline evaluation's time split (engine/tune.ts), and store the proposal with the
 * current and proposed figures. Nothing is applied: the merchant accepts a proposal in the admin.
 * A store with fewer orders than the evaluation needs gets a "not enough history" result.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { SURFACE_DEFAULTS, TRAINING_DEFAULTS, TUNE, tune, type TuneFigures, type TunedSurface } from "../engine"
import type { Source, Surface, SurfaceSettings } from "../engine/types"
import { mergeSurfaceSettings, type DeepPartial } from "../modules/recommendations/utils/settings"
import { failTune, finishTune, startTune, updateTuneProgress } from "../modules/recommendations/utils/tune-runs"
import type { TrainingEntryContext } from "../queue/types"
import { EVALUATION } from "./evaluate"
import { RunProgress } from "./progress"
import { readTrainingData } from "./read"
import { TRAINING_THREADS } from "./threads"

const SETTINGS_TABLE = "recommendation_settings"

export type TuneStage = "read" | "search" | "write"
const SPANS: Record<TuneStage, [number, number]> = { read: [0, 0.1], search: [0.1, 0.95], write: [0.95, 1] }

/** What the search moves on a surface, in the engine's names. */
export type TunedValues = {
  weights: Record<Source, number>
  diversity: { lambda: number; maxPerCategory: number }
}

export type TuneSurfaceOutcome = {
  changed: boolean
  /** Why the surface was not searched. */
  skipped?: string
  evaluations: number
  current: TunedValues
  proposed: TunedValues
  currentFigures: TuneFigures
  proposedFigures: TuneFigures
}

export type TuneOutcome =
  | {
      status: "proposed"
      k: number
      testFraction: number
      orders: number
      trainOrders: number
      testOrders: number
      /** Either surface's proposal differs from its current settings. */
      changed: boolean
      surfaces: Record<TunedSurface, TuneSurfaceOutcome>
      /** Seconds: read, train (the split's models), search, total. */
      timings: Record<string, number>
    }
  | { status: "not_enough_history"; reason: string; orders: number; minOrders: number; timings: Record<string, number> }

/** The merchant's settings as serving reads them: the defaults merged with the stored overrides. */
export async function readCurrentSettings(knex: Knex): Promise<Record<Surface, SurfaceSettings>> {
  const rows: { surface: Surface; settings: DeepPartial<SurfaceSettings> }[] = await knex(SETTINGS_TABLE)
    .whereNull("deleted_at")
    .select("surface", "settings")
  const stored = new Map(rows.map((r) => [r.surface, r.settings]))
  return Object.fromEntries(
    (Object.keys(SURFACE_DEFAULTS) as Surface[]).map((s) => [s, mergeSurfaceSettings(SURFACE_DEFAULTS[s], stored.get(s))])
  ) as Record<Surface, SurfaceSettings>
}

export const tunedValues = (s: SurfaceSettings): TunedValues => ({
  weights: { ...s.weights },
  diversity: { lambda: s.diversity.lambda, maxPerCategory: s.diversity.maxPerCategory },
})

export async function runTune(knex: Knex, context: TrainingEntryContext, minOrders = EVALUATION.minOrders): Promise<TuneOutcome> {
  const startedAt = process.hrtime.bigint()
  const since = (t: bigint) => round(Number(process.hrtime.bigint() - t) / 1e9, 3)
  const progress = new RunProgress<TuneStage>(
    context,
    (fraction, stage) => updateTuneProgress(knex, context.jobId, fraction, stage),
    1000,
    SPANS
  )
  try {
    await startTune(knex, context.jobId, context.attempt)
    const timings: Record<string, number> = {}
    progress.report("read", 0)
    let t = process.hrtime.bigint()
    const settings = await readCurrentSettings(knex)
    const data = await readTrainingData(knex, {
      metadataKeys: TRAINING_DEFAULTS.content.metadataKeys,
      onProgress: (fraction) => progress.report("read", fraction),
    })
    timings.read = since(t)

    let outcome: TuneOutcome
    const orders = data.counts.orders
    if (orders < minOrders) {
      timings.total = since(startedAt)
      outcome = {
        status: "not_enough_history",
        reason: `${orders} orders: auto-tune needs at least ${minOrders} to score settings on the newest ${Math.round(TUNE.testFraction * 100)} %`,
        orders,
        minOrders,
        timings,
      }
    } else {
      progress.report("search", 0)
      const result = await tune(
        { orders: data.orders, documents: data.documents, productIds: data.productIds },
        {
          current: { also_bought: settings.also_bought, for_you: settings.for_you },
          onProgress: (fraction) => progress.report("search", fraction),
          threads: TRAINING_THREADS,
        }
      )
      timings.train = round(result.trainSeconds, 3)
      timings.search = round(result.searchSeconds, 3)
      timings.total = since(startedAt)
      const surfaces = {} as Record<TunedSurface, TuneSurfaceOutcome>
      for (const [surface, p] of Object.entries(result.surfaces) as [TunedSurface, (typeof result.surfaces)[TunedSurface]][]) {
        surfaces[surface] = {
          changed: p.changed,
          ...(p.skipped ? { skipped: p.skipped } : {}),
          evaluations: p.evaluations,
          current: tunedValues(p.current),
          proposed: tunedValues(p.proposed),
          currentFigures: roundFigures(p.currentFigures),
          proposedFigures: roundFigures(p.proposedFigures),
        }
      }
      outcome = {
        status: "proposed",
        k: result.k,
        testFraction: result.testFraction,
        orders,
        trainOrders: result.trainOrders,
        testOrders: result.testOrders,
        changed: Object.values(surfaces).some((s) => s.changed),
        surfaces,
        timings,
      }
    }
    await context.log(`auto-tune ${outcome.status} in ${timings.total} s`)
    progress.report("write", 0)
    await progress.flush()
    await finishTune(knex, context.jobId, outcome)
    return outcome
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught))
    await progress.flush()
    await failTune(knex, context.jobId, error.message, false).catch(() => undefined)
    throw error
  }
}

const roundFigures = (f: TuneFigures): TuneFigures => ({
  ndcg: round(f.ndcg, 4),
  hitRate: round(f.hitRate, 4),
  coverage: f.coverage === null ? null : round(f.coverage, 4),
  cases: f.cases,
})

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
