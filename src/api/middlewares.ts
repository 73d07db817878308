import { defineMiddlewares } from "@medusajs/framework/http"
import { adminRecommendationsMiddlewares } from "./admin/recommendations/middlewares"
import { storeRecommendationEventsMiddlewares } from "./store/recommendations/events/middlewares"

export default defineMiddlewares({
  routes: [...adminRecommendationsMiddlewares, ...storeRecommendationEventsMiddlewares],
})
