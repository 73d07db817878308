import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../modules/recommendations"
import { defaultAdminTrainingRunFields } from "../query-config"
import { refetchTrainingRun } from "../helpers"

/**
 * Retrains now: a pending run is brought forward (and joined), otherwise a new one starts.
 * 503 when the training queue cannot be reached (Redis down): nothing was queued.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  let requested
  try {
    requested = await service.requestTraining("manual")
  } catch (error) {
    res.status(503).json({
      type: "unavailable",
      message: `The training queue cannot be reached: ${(error as Error).message}`,
    })
    return
  }
  const training_run = await refetchTrainingRun({ job_id: requested.jobId }, req.scope, defaultAdminTrainingRunFields)
  res.status(202).json({ job_id: requested.jobId, deduplicated: requested.deduplicated, training_run: training_run ?? null })
}
