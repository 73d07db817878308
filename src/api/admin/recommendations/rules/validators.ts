import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { SURFACES, type Surface } from "../../../../engine/types"
import { RULE_KINDS } from "../../../../modules/recommendations/models/rule"
import { enumList } from "../../../utils/enum-list"
import { MAX_LIST_LENGTH } from "../settings/validators"

/** Largest boost: beyond this a boost only says "first", which a pin says better. */
const MAX_FACTOR = 1000

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
  // Bounds that keep the values inside their columns (real, integer); what a valid factor or
  // position is, the engine says.
  factor: z.number().max(MAX_FACTOR).nullish(),
  position: z.number().max(MAX_LIST_LENGTH - 1).nullish(),
  note: z.string().nullish(),
}

export const AdminCreateRecommendationRule = z.object({ kind: z.enum(RULE_KINDS), ...ruleFields })
export type AdminCreateRecommendationRuleType = z.infer<typeof AdminCreateRecommendationRule>

export const AdminUpdateRecommendationRule = z.object({ kind: z.enum(RULE_KINDS).optional(), ...ruleFields })
export type AdminUpdateRecommendationRuleType = z.infer<typeof AdminUpdateRecommendationRule>

export const AdminGetRecommendationRuleParams = createSelectParams()

/** A whole number from the query string, at least `min`. */
const whole = (min: number, fallback: number) =>
  z.preprocess((v) => (typeof v === "string" ? Number(v) : v), z.number().int().min(min).default(fallback))

export const AdminGetRecommendationRulesParams = createFindParams({ order: "created_at" }).extend({
  // Medusa's find params let a negative page through to the database.
  offset: whole(0, 0),
  limit: whole(1, 50),
  // `kind=boost` or `kind[]=boost&kind[]=bury`: always a list for the filter.
  kind: z.preprocess((v) => (typeof v === "string" ? [v] : v), enumList("kind", RULE_KINDS)).optional(),
  // An enum rather than Medusa's booleanString, whose refusal names neither field nor values.
  enabled: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  /** Rules that apply on this surface: those listing it and those for every surface. */
  surface: z.enum(SURFACES as [Surface, ...Surface[]]).optional(),
})
export type AdminGetRecommendationRulesParamsType = z.infer<typeof AdminGetRecommendationRulesParams>
