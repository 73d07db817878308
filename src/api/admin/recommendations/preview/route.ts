import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { listContext, rankList, sendList, type RecommendationsRequest } from "../../../store/recommendations/helpers"
import type { AdminGetRecommendationPreviewParamsType } from "./validators"

/** What the preview shows of each product: enough to recognise it. */
const PREVIEW_FIELDS = ["id", "title", "handle", "thumbnail", "status"]

/**
 * The list the storefront would get, ranked and hydrated by the storefront's own code: the admin
 * request is presented to it as a storefront request from the chosen sales channel, with the
 * chosen customer logged in (no region: products come without prices).
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetRecommendationPreviewParamsType>, res: MedusaResponse) => {
  const { surface, product_id, cart_id, customer_id, sales_channel_id, limit } = req.validatedQuery
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [channel, customer] = await Promise.all([
    salesChannelOf(req, sales_channel_id),
    customer_id ? query.graph({ entity: "customer", fields: ["id"], filters: { id: customer_id } }) : undefined,
  ])
  if (customer && !customer.data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customer_id} was not found`)
  }
  const storeReq = Object.assign(Object.create(req), {
    validatedQuery: { limit, cart_id },
    filterableFields: { sales_channel_id: [channel] },
    auth_context: customer_id ? { actor_id: customer_id, actor_type: "customer", auth_identity_id: "", app_metadata: {} } : undefined,
    queryConfig: { fields: PREVIEW_FIELDS, pagination: {} },
    pricingContext: undefined,
    taxContext: undefined,
  }) as RecommendationsRequest
  const ctx = await listContext(storeReq, surface)
  const seed = product_id ? ctx.snapshot.catalogue.indexOf.get(product_id) : undefined
  const ranked = await rankList(ctx, surface, product_id ? (seed === undefined ? [] : [seed]) : undefined)
  await sendList(ctx, res, surface, ranked)
}

/** The given sales channel (404 when unknown), else the store's default one. */
async function salesChannelOf(req: AuthenticatedMedusaRequest, id: string | undefined): Promise<string> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  if (id) {
    const { data } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { id } })
    if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sales channel with id: ${id} was not found`)
    return id
  }
  const { data } = await query.graph({ entity: "store", fields: ["default_sales_channel_id"] })
  const channel = (data[0] as { default_sales_channel_id?: string | null } | undefined)?.default_sales_channel_id
  if (!channel) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The store has no default sales channel: give sales_channel_id")
  }
  return channel
}
