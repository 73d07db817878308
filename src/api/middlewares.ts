import { defineMiddlewares } from "@medusajs/framework/http"
import { adminRecommendationRulesMiddlewares } from "./admin/recommendations/rules/middlewares"
import { adminRecommendationSettingsMiddlewares } from "./admin/recommendations/settings/middlewares"

export default defineMiddlewares({
  routes: [...adminRecommendationSettingsMiddlewares, ...adminRecommendationRulesMiddlewares],
})
