import { validateAndTransformQuery } from "@medusajs/framework"
import {
  authenticate,
  clearFiltersByKey,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
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
 * Medusa's query parsing answers a key nested deeper than two levels (`a.b.c=1`) with a 500;
 * such a key is never one of ours, so it gets the 400 any unknown key gets.
 */
function rejectDeepQueryKeys(req: MedusaRequest, _: MedusaResponse, next: MedusaNextFunction) {
  const deep = Object.keys(req.query).find((key) => key.split(".").length > 2)
  if (deep) return next(new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: Unrecognized fields: '${deep}'`))
  next()
}

/**
 * The chain `/store/products` runs (customer optional, sales channels from the publishable key,
 * region pricing and taxes), with a recommendation list's own query parameters.
 */
export const recommendationListMiddlewares = (schema: z.ZodType) => [
  authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
  rejectDeepQueryKeys,
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
