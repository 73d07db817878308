import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../modules/recommendations"
import type { TrainingTrigger } from "../../queue/types"

/**
 * Asks for a training after signals were stored. Never fails the workflow: with the queue
 * unreachable the signals are kept and the next run reads them.
 */
export const requestTrainingStep = createStep(
  "recommendations-request-training",
  async (trigger: TrainingTrigger, { container }) => {
    const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
    const requested = await service.requestTrainingQuietly(trigger)
    return new StepResponse(requested ? { job_id: requested.jobId, deduplicated: requested.deduplicated } : null)
  }
)
