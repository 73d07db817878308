import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../../../modules/recommendations"
import { acceptTuneProposalWorkflow, checkTuneProposal } from "../../../../../../workflows/settings"
import { toAdminSettings } from "../../../settings/helpers"
import { retrieveTuneRun } from "../../helpers"
import { defaultAdminTuneRunFields } from "../../query-config"

/**
 * Applies a finished auto-tune's proposal through the settings workflow: serving uses it from
 * the next request. 404 for an unknown id; 409 naming why when there is nothing to accept
 * (still running, failed, no proposal, already accepted, or the settings changed since).
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  // Checked here to answer 409 with the reason (Medusa's handler words every CONFLICT error alike);
  // the workflow checks again under its locks.
  const checked = await checkTuneProposal(req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE), id)
  if ("problem" in checked) {
    if (checked.problem === "not_found") throw new MedusaError(MedusaError.Types.NOT_FOUND, checked.message)
    res.status(409).json({ type: "conflict", message: checked.message })
    return
  }
  const { result } = await acceptTuneProposalWorkflow(req.scope).run({ input: { id } })
  const settings = Object.fromEntries(Object.entries(result).map(([surface, s]) => [surface, toAdminSettings(s)]))
  res.json({ tune_run: await retrieveTuneRun(req.scope, id, defaultAdminTuneRunFields), settings })
}
