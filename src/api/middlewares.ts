import { defineMiddlewares } from "@medusajs/framework/http"
import { storeProductRecommendationRoutesMiddlewares } from "./store/products/[id]/recommendations/middlewares"
import { storeRecommendationRoutesMiddlewares } from "./store/recommendations/middlewares"

export default defineMiddlewares({
  routes: [...storeRecommendationRoutesMiddlewares, ...storeProductRecommendationRoutesMiddlewares],
})
