import { authenticate, validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { StoreRecordRecommendationEvents } from "./validators"

export const storeRecommendationEventsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/store/recommendations/events",
    middlewares: [
      // A logged-in customer's events carry their id; visitors send a session id instead.
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformBody(StoreRecordRecommendationEvents),
    ],
  },
]
