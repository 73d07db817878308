import type { Surface } from "../../engine/types"
import type { RULE_KINDS } from "../../modules/recommendations/models/rule"

export type RecommendationRuleKind = (typeof RULE_KINDS)[number]

/** A condition on the seed products, in Medusa ids: it holds when a seed is in any list. */
export type RuleCondition = {
  product_ids?: string[]
  category_ids?: string[]
  collection_ids?: string[]
  tag_ids?: string[]
  type_ids?: string[]
}

/** The products a rule acts on: in any list, and inside the price band when one is given. */
export type RuleMatch = RuleCondition & {
  price_min?: number
  price_max?: number
}

/** A rule's stored fields (RecommendationRule), null where unset. */
export type RecommendationRuleFields = {
  kind: RecommendationRuleKind
  enabled: boolean
  /** Null: every surface. */
  surfaces: Surface[] | null
  when: RuleCondition | null
  match: RuleMatch | null
  /** Pinned products. */
  items: string[] | null
  factor: number | null
  position: number | null
  note: string | null
}

/** A rule as the module returns it. */
export type StoredRecommendationRule = RecommendationRuleFields & { id: string }

export type CreateRecommendationRuleInput = Pick<RecommendationRuleFields, "kind"> &
  Partial<Omit<RecommendationRuleFields, "kind">>

export type UpdateRecommendationRuleInput = Partial<RecommendationRuleFields>
