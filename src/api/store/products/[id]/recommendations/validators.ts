import { z } from "@medusajs/framework/zod"
import { StoreRecommendationListParams, checkListParams, prebuilt } from "../../../recommendations/validators"

export const PRODUCT_SURFACES = ["also_bought", "related"] as const

export const StoreGetProductRecommendationsParams = prebuilt(
  StoreRecommendationListParams.extend({
    surface: z.enum(PRODUCT_SURFACES).default("also_bought"),
  })
    .strict()
    .superRefine(checkListParams)
)

export type StoreGetProductRecommendationsParamsType = z.infer<typeof StoreGetProductRecommendationsParams>
