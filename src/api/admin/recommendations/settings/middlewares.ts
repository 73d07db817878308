import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminUpdateSurfaceSettings } from "./validators"

export const adminRecommendationSettingsMiddlewares: MiddlewareRoute[] = [
  {
    methods: ["POST"],
    matcher: "/admin/recommendations/settings/:surface",
    middlewares: [validateAndTransformBody(AdminUpdateSurfaceSettings)],
  },
]
