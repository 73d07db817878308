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
  const notFound = () => new MedusaError(MedusaError.Types.NOT_FOUND, `Product with id: ${id} was not found`)
  const seed = ctx.snapshot.catalogue.indexOf.get(id)
  if (seed === undefined ? !(await isOnSale(ctx, id)) : !ctx.view.isVisible(seed)) throw notFound()
  const ranked = await rankList(ctx, surface, seed === undefined ? [] : [seed])
  // A hydrated list also asks Medusa about the page's product, alongside the hydration: its
  // document may lag a change made a moment ago. Without hydration, documents alone decide.
  const confirm = seed !== undefined && req.validatedQuery.hydrate !== false ? isOnSale(ctx, id) : undefined
  await sendList(ctx, res, surface, ranked, confirm && confirm.then((onSale) => onSale || Promise.reject(notFound())))
}

/** Published and in one of the request's sales channels, as Medusa has it now. */
async function isOnSale(ctx: ListContext, id: string): Promise<boolean> {
  const [{ data: published }, { data: inChannels }] = await Promise.all([
    ctx.query.graph({ entity: "product", fields: ["id"], filters: { id, status: "published" } }),
    ctx.query.graph({ entity: "product_sales_channel", fields: ["product_id"], filters: { product_id: id, sales_channel_id: ctx.channels } }),
  ])
  return published.length > 0 && inChannels.length > 0
}
