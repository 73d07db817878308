import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createRecommendationRulesWorkflow } from "../../../../workflows/rules"
import { refetchRecommendationRule } from "./helpers"
import type { AdminCreateRecommendationRuleType, AdminGetRecommendationRulesParamsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetRecommendationRulesParamsType>, res: MedusaResponse) => {
  const { surface, ...filters } = req.filterableFields as AdminGetRecommendationRulesParamsType
  // `surfaces` null means every surface, so a surface filter keeps those rules too.
  const bySurface = surface ? { $or: [{ surfaces: null }, { surfaces: { $contains: [surface] } }] } : {}
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: rules, metadata } = await query.graph({
    entity: "recommendation_rule",
    fields: req.queryConfig.fields,
    filters: { ...filters, ...bySurface },
    pagination: req.queryConfig.pagination,
  })
  res.json({ rules, count: metadata!.count, offset: metadata!.skip, limit: metadata!.take })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateRecommendationRuleType>, res: MedusaResponse) => {
  const { result } = await createRecommendationRulesWorkflow(req.scope).run({
    input: { rules: [req.validatedBody] },
  })
  const rule = await refetchRecommendationRule(result[0].id, req.scope, req.queryConfig.fields)
  res.json({ rule })
}
