import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { listContext, rankList, sendList, type ListContext, type RecommendationsRequest } from "../../../recommendations/helpers"
import { ID_PATTERN } from "../../../recommendations/validators"
import type { StoreGetProductRecommendationsParamsType } from "./validators"

/**
 * A product page's lists: `also_bought` (co-purchases) or `related` (similar products). 404 when
 * the product is unknown, unpublished or not in the request's sales channels, like
 * /store/products/:id. A product the model has not been trained on yet still gets a full list.
 */
export const GET = async (req: RecommendationsRequest, res: MedusaResponse) => {
  const { id } = req.params
  if (!ID_PATTERN.test(id)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Product id '${id}' is not a valid id`)
  const { surface } = req.validatedQuery as StoreGetProductRecommendationsParamsType
  const ctx = await listContext(req, surface)
  const seed = ctx.snapshot.catalogue.indexOf.get(id)
  const found = seed === undefined ? await isOnSale(ctx, id) : ctx.view.isVisible(seed)
  if (!found) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${id} was not found`)
  const ranked = await rankList(ctx, surface, seed === undefined ? [] : [seed])
  await sendList(ctx, res, surface, ranked)
}

/** A product serving has no document for yet: published and in one of the request's channels? */
async function isOnSale(ctx: ListContext, id: string): Promise<boolean> {
  const { data } = await ctx.query.graph({
    entity: "product",
    fields: ["id", "sales_channels.id"],
    filters: { id, status: "published" },
  })
  const channels = (data[0] as { sales_channels?: { id: string }[] | null } | undefined)?.sales_channels ?? []
  return channels.some((c) => ctx.channels.includes(c.id))
}
