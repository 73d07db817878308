import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../modules/recommendations"
import { refetchTuneRun } from "./helpers"
import { defaultAdminTuneRunFields } from "./query-config"

/**
 * Starts an auto-tune: the training queue searches the blend weights and diversity on the store's
 * history and stores a proposal (nothing is applied until it is accepted). A tune already pending
 * is joined. 503 when the queue cannot be reached: nothing was queued.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  let requested
  try {
    requested = await service.requestTune()
  } catch (error) {
    res.status(503).json({
      type: "unavailable",
      message: `The training queue cannot be reached: ${(error as Error).message}`,
    })
    return
  }
  const tune_run = await refetchTuneRun(req.scope, defaultAdminTuneRunFields, { job_id: requested.jobId })
  res.status(202).json({ job_id: requested.jobId, deduplicated: requested.deduplicated, tune_run })
}

/** The newest auto-tune (its status, progress and, once finished, the proposal), or null. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ tune_run: await refetchTuneRun(req.scope, req.queryConfig.fields) })
}
