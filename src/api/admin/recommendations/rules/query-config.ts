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
  isList: false,
}

export const listRecommendationRulesQueryConfig = {
  ...retrieveRecommendationRuleQueryConfig,
  defaultLimit: 50,
  isList: true,
}
