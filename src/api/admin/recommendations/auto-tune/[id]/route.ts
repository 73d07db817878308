import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveTuneRun } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ tune_run: await retrieveTuneRun(req.scope, req.params.id, req.queryConfig.fields) })
}
