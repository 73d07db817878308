import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import * as QueryConfig from "./query-config"
import {
  AdminGetTrainingRunParams,
  AdminGetTrainingRunsParams,
  AdminImportRecommendationsHistory,
  AdminTrainRecommendations,
} from "./validators"

// Medusa requires an authenticated admin user on every /admin route.
export const adminRecommendationsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/recommendations/train",
    middlewares: [validateAndTransformBody(AdminTrainRecommendations)],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/training-runs",
    middlewares: [validateAndTransformQuery(AdminGetTrainingRunsParams, QueryConfig.listTrainingRunQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/recommendations/training-runs/:id",
    middlewares: [validateAndTransformQuery(AdminGetTrainingRunParams, QueryConfig.retrieveTrainingRunQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/recommendations/import-history",
    middlewares: [validateAndTransformBody(AdminImportRecommendationsHistory)],
  },
]
