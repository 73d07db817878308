import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { retrieveTuneRunQueryConfig } from "./query-config"
import { AdminAcceptAutoTune, AdminGetTuneRunParams, AdminStartAutoTune } from "./validators"

export const adminRecommendationAutoTuneMiddlewares: MiddlewareRoute[] = [
  {
    methods: ["POST"],
    matcher: "/admin/recommendations/auto-tune",
    middlewares: [validateAndTransformBody(AdminStartAutoTune)],
  },
  {
    methods: ["GET"],
    matcher: "/admin/recommendations/auto-tune",
    middlewares: [validateAndTransformQuery(AdminGetTuneRunParams, retrieveTuneRunQueryConfig)],
  },
  {
    methods: ["GET"],
    matcher: "/admin/recommendations/auto-tune/:id",
    middlewares: [validateAndTransformQuery(AdminGetTuneRunParams, retrieveTuneRunQueryConfig)],
  },
  {
    methods: ["POST"],
    matcher: "/admin/recommendations/auto-tune/:id/accept",
    middlewares: [validateAndTransformBody(AdminAcceptAutoTune)],
  },
]
