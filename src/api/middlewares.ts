import { defineMiddlewares } from "@medusajs/framework/http"
import { adminRecommendationPreviewMiddlewares } from "./admin/recommendations/preview/middlewares"
import { adminRecommendationRulesMiddlewares } from "./admin/recommendations/rules/middlewares"
import { adminRecommendationSettingsMiddlewares } from "./admin/recommendations/settings/middlewares"
import { storeProductRecommendationRoutesMiddlewares } from "./store/products/[id]/recommendations/middlewares"
import { storeRecommendationRoutesMiddlewares } from "./store/recommendations/middlewares"

export default defineMiddlewares({
  routes: [
    ...storeRecommendationRoutesMiddlewares,
    ...storeProductRecommendationRoutesMiddlewares,
    ...adminRecommendationSettingsMiddlewares,
    ...adminRecommendationRulesMiddlewares,
    ...adminRecommendationPreviewMiddlewares,
  ],
})
