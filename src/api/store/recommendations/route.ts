import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { listContext, rankList, recentlyViewed, sendList, shopperOf, type RecommendationsRequest } from "./helpers"
import type { StoreGetRecommendationsParamsType } from "./validators"

/**
 * A shopper's lists: `for_you` (their history; without one, what is popular), `trending`,
 * `recently_viewed` (needs a logged-in customer or a session_id) and `cart` (complete the cart).
 */
export const GET = async (req: RecommendationsRequest, res: MedusaResponse) => {
  const { surface } = req.validatedQuery as StoreGetRecommendationsParamsType
  if (surface === "recently_viewed") {
    const shopper = shopperOf(req)
    if (!shopper.customer_id && !shopper.session_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "surface 'recently_viewed' needs a logged-in customer or a session_id")
    }
  }
  const ctx = await listContext(req, surface)
  const ranked = surface === "recently_viewed" ? await recentlyViewed(ctx) : await rankList(ctx, surface)
  await sendList(ctx, res, surface, ranked)
}
