import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SURFACE_DEFAULTS } from "../../../../engine/params"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../modules/recommendations"
import { toAdminSettingsBySurface } from "./helpers"

/** Every surface's settings as serving uses them, and the defaults a reset returns to. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  res.json({
    settings: toAdminSettingsBySurface(await service.getSettings()),
    defaults: toAdminSettingsBySurface(SURFACE_DEFAULTS),
  })
}
