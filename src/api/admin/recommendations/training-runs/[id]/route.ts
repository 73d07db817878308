import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchTrainingRun } from "../../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const training_run = await refetchTrainingRun({ id: req.params.id }, req.scope, req.queryConfig.fields)
  if (!training_run) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Training run with id: ${req.params.id} was not found`)
  }
  res.json({ training_run })
}
