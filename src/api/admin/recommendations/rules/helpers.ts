import { refetchEntity } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/** A rule through query.graph with the request's fields; not found when it does not exist. */
export async function refetchRecommendationRule(id: string, scope: MedusaContainer, fields: string[]) {
  const rule = await refetchEntity({ entity: "recommendation_rule", idOrFilter: id, scope, fields })
  if (!rule) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Recommendation rule with id "${id}" not found`)
  }
  return rule
}
