import { defineMiddlewares } from "@medusajs/framework/http"
import { adminRecommendationAutoTuneMiddlewares } from "./admin/recommendations/auto-tune/middlewares"
import { adminRecommendationsMiddlewares } from "./admin/recommendations/middlewares"
import { adminRecommendationPreviewMiddlewares } from "./admin/recommendations/preview/middlewares"
import { adminRecommendationRulesMiddlewares } from "./admin/recommendations/rules/middlewares"
import { adminRecommendationSettingsMiddlewares } from "./admin/recommendations/settings/middlewares"
import { storeProductRecommendationRoutesMiddlewares } from "./store/products/[id]/recommendations/middlewares"
import { storeRecommendationEventsMiddlewares } from "./store/recommendations/events/middlewares"
import { storeRecommendationRoutesMiddlewares } from "./store/recommendations/middlewares"

export default defineMiddlewares({
  routes: [
    ...storeRecommendationRoutesMiddlewares,
    ...storeRecommendationEventsMiddlewares,
    ...storeProductRecommendationRoutesMiddlewares,
    ...adminRecommendationsMiddlewares,
    ...adminRecommendationSettingsMiddlewares,
    ...adminRecommendationRulesMiddlewares,
    ...adminRecommendationPreviewMiddlewares,
    ...adminRecommendationAutoTuneMiddlewares,
  ],
})
