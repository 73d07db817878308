import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { listRecommendationRulesQueryConfig, retrieveRecommendationRuleQueryConfig } from "./query-config"
import {
  AdminCreateRecommendationRule,
  AdminGetRecommendationRuleParams,
  AdminGetRecommendationRulesParams,
  AdminUpdateRecommendationRule,
} from "./validators"

export const adminRecommendationRulesMiddlewares: MiddlewareRoute[] = [
  {
    methods: ["GET"],
    matcher: "/admin/recommendations/rules",
    middlewares: [validateAndTransformQuery(AdminGetRecommendationRulesParams, listRecommendationRulesQueryConfig)],
  },
  {
    methods: ["POST"],
    matcher: "/admin/recommendations/rules",
    middlewares: [
      validateAndTransformBody(AdminCreateRecommendationRule),
      validateAndTransformQuery(AdminGetRecommendationRuleParams, retrieveRecommendationRuleQueryConfig),
    ],
  },
  {
    methods: ["GET"],
    matcher: "/admin/recommendations/rules/:id",
    middlewares: [validateAndTransformQuery(AdminGetRecommendationRuleParams, retrieveRecommendationRuleQueryConfig)],
  },
  {
    methods: ["POST"],
    matcher: "/admin/recommendations/rules/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateRecommendationRule),
      validateAndTransformQuery(AdminGetRecommendationRuleParams, retrieveRecommendationRuleQueryConfig),
    ],
  },
]
