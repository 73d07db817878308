import { validateAndTransformQuery } from "@medusajs/framework"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminGetRecommendationPreviewParams } from "./validators"

export const adminRecommendationPreviewMiddlewares: MiddlewareRoute[] = [
  {
    methods: ["GET"],
    matcher: "/admin/recommendations/preview",
    middlewares: [validateAndTransformQuery(AdminGetRecommendationPreviewParams, {})],
  },
]
