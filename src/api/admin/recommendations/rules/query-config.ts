export const defaultAdminRecommendationRuleFields = [
  "id",
  "kind",
  "enabled",
  "surfaces",
  "when",
  "match",
  "items",
  "factor",
  "position",
  "note",
  "created_at",
  "updated_at",
]

export const retrieveRecommendationRuleQueryConfig = {
  defaults: defaultAdminRecommendationRuleFields,
  // Only the rule's own fields may be selected or ordered by: anything else is not a column.
  allowed: defaultAdminRecommendationRuleFields,
  isList: false,
}

export const listRecommendationRulesQueryConfig = {
  ...retrieveRecommendationRuleQueryConfig,
  defaultLimit: 50,
  isList: true,
}
