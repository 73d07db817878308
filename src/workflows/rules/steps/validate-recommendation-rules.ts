import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"
import type { RecommendationRuleFields } from "../types"
import { REFERENCED_ENTITIES, ruleProblem, ruleReferences, type ReferencedEntity } from "../utils/rule-problem"

export const validateRecommendationRulesStepId = "validate-recommendation-rules"

/**
 * Fails when a rule could not be applied (the engine's checks) or names products, categories,
 * collections, tags or types that do not exist (one query per kind), listing the unknown ids.
 */
export const validateRecommendationRulesStep = createStep(
  validateRecommendationRulesStepId,
  async (rules: RecommendationRuleFields[], { container }) => {
    for (const rule of rules) {
      const problem = ruleProblem(rule)
      if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${rule.kind} rule: ${problem}`)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const references = Object.entries(ruleReferences(rules)).filter(([, ids]) => ids.length) as [ReferencedEntity, string[]][]
    const unknown = await Promise.all(
      references.map(async ([entity, ids]) => {
        const { data } = await query.graph({ entity, fields: ["id"], filters: { id: ids } })
        const found = new Set((data as { id: string }[]).map((row) => row.id))
        const missing = ids.filter((id) => !found.has(id))
        return missing.length ? `${REFERENCED_ENTITIES[entity]} ${missing.join(", ")}` : undefined
      })
    )
    const listed = unknown.filter(Boolean)
    if (listed.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `The rule refers to unknown ${listed.join("; ")}`)
    }
  }
)
