import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetTrainingRunsParamsType } from "../validators"

/** Training runs, newest first: what started them, their progress, timings and errors. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetTrainingRunsParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: training_runs, metadata } = await query.graph({
    entity: "training_run",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    training_runs,
    count: metadata?.count ?? training_runs.length,
    offset: metadata?.skip ?? req.queryConfig.pagination.skip,
    limit: metadata?.take ?? req.queryConfig.pagination.take,
  })
}
