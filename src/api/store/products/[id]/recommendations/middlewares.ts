import type { MiddlewareRoute } from "@medusajs/framework/http"
import { recommendationListMiddlewares } from "../../../recommendations/middlewares"
import { StoreGetProductRecommendationsParams } from "./validators"

export const storeProductRecommendationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/products/:id/recommendations",
    middlewares: recommendationListMiddlewares(StoreGetProductRecommendationsParams),
  },
]
