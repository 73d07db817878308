import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../../modules/recommendations"
import type { StoreRecordRecommendationEventsType } from "./validators"

/**
 * Records a batch of storefront signals (views, clicks, add-to-carts, impressions). Every
 * product, and every variant with its product, must exist: the batch is checked in one query and
 * refused whole, naming what is unknown.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreRecordRecommendationEventsType>,
  res: MedusaResponse
) => {
  const { session_id, events } = req.validatedBody
  const customerId = req.auth_context?.actor_id || null
  if (!customerId && !session_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "session_id is required when no customer is logged in"
    )
  }
  await assertKnownProducts(req, events)

  // A key bound to one sales channel names the storefront's channel.
  const channels = req.publishable_key_context?.sales_channel_ids ?? []
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  const { recorded } = await service.recordEvents(
    events.map((event) => ({
      ...event,
      customer_id: customerId,
      session_id: session_id ?? null,
      sales_channel_id: channels.length === 1 ? channels[0] : null,
    }))
  )
  res.status(201).json({ recorded })
}

async function assertKnownProducts(
  req: AuthenticatedMedusaRequest,
  events: StoreRecordRecommendationEventsType["events"]
): Promise<void> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const productIds = [...new Set(events.map((e) => e.product_id))]
  const { data } = await query.graph({
    entity: "product",
    fields: ["id", "variants.id"],
    filters: { id: productIds },
  })
  const variantsOf = new Map(
    (data as { id: string; variants?: ({ id: string } | null)[] | null }[]).map((p) => [
      p.id,
      new Set((p.variants ?? []).flatMap((v) => (v ? [v.id] : []))),
    ])
  )
  const unknownProducts = productIds.filter((id) => !variantsOf.has(id))
  if (unknownProducts.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown product_id: ${unknownProducts.join(", ")}`)
  }
  const foreignVariants = [
    ...new Set(
      events.filter((e) => e.variant_id && !variantsOf.get(e.product_id)!.has(e.variant_id)).map((e) => e.variant_id!)
    ),
  ]
  if (foreignVariants.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `variant_id is not a variant of its event's product: ${foreignVariants.join(", ")}`
    )
  }
}
