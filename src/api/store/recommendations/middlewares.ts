import { validateAndTransformQuery } from "@medusajs/framework"
import { authenticate, clearFiltersByKey, type MiddlewareRoute } from "@medusajs/framework/http"
import {
  filterByValidSalesChannels,
  normalizeDataForContext,
  setPricingContext,
  setTaxContext,
} from "@medusajs/medusa/api/utils/middlewares/index"
import type { z } from "@medusajs/framework/zod"
import { recommendationProductsQueryConfig } from "./query-config"
import { StoreGetRecommendationsParams } from "./validators"

/**
 * The chain `/store/products` runs (customer optional, sales channels from the publishable key,
 * region pricing and taxes), with a recommendation list's own query parameters.
 */
export const recommendationListMiddlewares = (schema: z.ZodType) => [
  authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
  validateAndTransformQuery(schema, recommendationProductsQueryConfig),
  filterByValidSalesChannels(),
  normalizeDataForContext(),
  setPricingContext(),
  setTaxContext(),
  clearFiltersByKey(["region_id", "country_code", "province", "cart_id"]),
]

export const storeRecommendationRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/recommendations",
    middlewares: recommendationListMiddlewares(StoreGetRecommendationsParams),
  },
]
