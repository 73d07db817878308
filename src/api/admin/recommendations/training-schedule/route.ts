import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../modules/recommendations"
import { DEFAULT_DEBOUNCE_MS, DEFAULT_SCHEDULE } from "../../../../queue/types"

/**
 * When trainings run, as the plugin's options set it (read-only: options live in the store's
 * medusa-config): the cron pattern of the full retraining (null: none), its timezone, and how
 * long orders and catalogue changes wait before the training they trigger.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { schedule, timezone, debounceMs } = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE).pluginOptions
  res.json({
    schedule: schedule === undefined ? DEFAULT_SCHEDULE : schedule || null,
    timezone: timezone ?? null,
    debounce_ms: debounceMs ?? DEFAULT_DEBOUNCE_MS,
  })
}
