import { z } from "@medusajs/framework/zod"
import { StoreRecommendationListParams, checkListParams } from "../../../recommendations/validators"

export const PRODUCT_SURFACES = ["also_bought", "related"] as const

export const StoreGetProductRecommendationsParams = StoreRecommendationListParams.extend({
  surface: z.enum(PRODUCT_SURFACES).default("also_bought"),
}).superRefine(checkListParams)

export type StoreGetProductRecommendationsParamsType = z.infer<typeof StoreGetProductRecommendationsParams>
