import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { SURFACES, type Surface } from "../../../../engine/types"
import { RULE_KINDS } from "../../../../modules/recommendations/models/rule"
import { enumList } from "../../../utils/enum-list"

// Shapes and types only: what makes a rule valid (factors, bands, what each kind needs) is
// the engine's ruleError, checked by the workflows on the rule as stored.
const ids = z.array(z.string().min(1))

const conditionShape = {
  product_ids: ids.optional(),
  category_ids: ids.optional(),
  collection_ids: ids.optional(),
  tag_ids: ids.optional(),
  type_ids: ids.optional(),
}

const RuleCondition = z.strictObject(conditionShape)

const RuleMatch = z.strictObject({
  ...conditionShape,
  price_min: z.number().min(0).optional(),
  price_max: z.number().min(0).optional(),
})

const ruleFields = {
  enabled: z.boolean().optional(),
  surfaces: enumList("surfaces", SURFACES).refine((list) => list.length > 0, {
    message: "surfaces must list at least one surface, or be null for every surface",
  }).nullish(),
  when: RuleCondition.nullish(),
  match: RuleMatch.nullish(),
  items: ids.nullish(),
  factor: z.number().nullish(),
  position: z.number().nullish(),
  note: z.string().nullish(),
}

export const AdminCreateRecommendationRule = z.object({ kind: z.enum(RULE_KINDS), ...ruleFields })
export type AdminCreateRecommendationRuleType = z.infer<typeof AdminCreateRecommendationRule>

export const AdminUpdateRecommendationRule = z.object({ kind: z.enum(RULE_KINDS).optional(), ...ruleFields })
export type AdminUpdateRecommendationRuleType = z.infer<typeof AdminUpdateRecommendationRule>

export const AdminGetRecommendationRuleParams = createSelectParams()

export const AdminGetRecommendationRulesParams = createFindParams({ limit: 50, offset: 0, order: "created_at" }).merge(
  z.object({
    // `kind=boost` or `kind[]=boost&kind[]=bury`: always a list for the filter.
    kind: z.preprocess((v) => (typeof v === "string" ? [v] : v), enumList("kind", RULE_KINDS)).optional(),
    // An enum rather than Medusa's booleanString, whose refusal names neither field nor values.
    enabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
    /** Rules that apply on this surface: those listing it and those for every surface. */
    surface: z.enum(SURFACES as [Surface, ...Surface[]]).optional(),
  })
)
export type AdminGetRecommendationRulesParamsType = z.infer<typeof AdminGetRecommendationRulesParams>
