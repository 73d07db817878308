import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteRecommendationRulesWorkflow, updateRecommendationRuleWorkflow } from "../../../../../workflows/rules"
import { refetchRecommendationRule } from "../helpers"
import type { AdminUpdateRecommendationRuleType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const rule = await refetchRecommendationRule(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ rule })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateRecommendationRuleType>, res: MedusaResponse) => {
  await refetchRecommendationRule(req.params.id, req.scope, ["id"])
  await updateRecommendationRuleWorkflow(req.scope).run({
    input: { id: req.params.id, update: req.validatedBody },
  })
  const rule = await refetchRecommendationRule(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ rule })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = req.params
  await refetchRecommendationRule(id, req.scope, ["id"])
  await deleteRecommendationRulesWorkflow(req.scope).run({ input: { ids: [id] } })
  res.json({ id, object: "recommendation_rule", deleted: true })
}
