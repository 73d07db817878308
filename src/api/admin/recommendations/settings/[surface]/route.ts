import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SURFACE_DEFAULTS } from "../../../../../engine/params"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../../modules/recommendations"
import { updateSurfaceSettingsWorkflow } from "../../../../../workflows/settings"
import { fromAdminSettings, surfaceParam, toAdminSettings } from "../helpers"
import type { AdminUpdateSurfaceSettingsType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const surface = surfaceParam(req.params.surface)
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  res.json({
    settings: toAdminSettings(await service.getSettings(surface)),
    defaults: toAdminSettings(SURFACE_DEFAULTS[surface]),
  })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSurfaceSettingsType>, res: MedusaResponse) => {
  const surface = surfaceParam(req.params.surface)
  const { reset, ...change } = req.validatedBody
  const { result } = await updateSurfaceSettingsWorkflow(req.scope).run({
    input: { surface, change: fromAdminSettings(change), reset },
  })
  res.json({ settings: toAdminSettings(result) })
}
