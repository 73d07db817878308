/**
 * A recommendation list from request to response, shared by the product page route and the
 * shopper routes: seeds and the cart into index space, the shopper's history, ranking with stock
 * checks, then one hydration of the final list through Medusa's query, the way /store/products
 * returns products (fields, prices for the region, taxes, inventory quantities).
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import type { HttpTypes } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, QueryContext, isPresent } from "@medusajs/framework/utils"
import { filterOutInternalProductCategories, wrapProductsWithTaxPrices } from "@medusajs/medusa/api/store/products/helpers"
import {
  prepareInventoryQuantityFields,
  wrapVariantsWithInventoryQuantityForSalesChannel,
} from "@medusajs/medusa/api/utils/middlewares/index"
import { PERSONAL, MS_PER_DAY } from "../../../engine"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"
import { entityId } from "../../../modules/recommendations/utils/entity-id"
import {
  HISTORY_WEIGHTS,
  SERVING,
  rankInStock,
  rankOnce,
  surfaceSettings,
  type ChannelView,
  type HistoryType,
  type Query,
  type RankedItem,
  type RankInput,
  type ServingSnapshot,
  type ServingSurface,
  type Shopper,
} from "../../../modules/recommendations/serving"
import type { StoreRecommendationListParamsType } from "./validators"

export type RecommendationsRequest = MedusaStoreRequest<unknown, StoreRecommendationListParamsType & { surface?: string }>

/** Everything one list is ranked and hydrated with. */
export interface ListContext {
  req: RecommendationsRequest
  query: Query
  service: RecommendationsModuleService
  snapshot: ServingSnapshot
  view: ChannelView
  channels: string[]
  /** Products the response holds at most: the request's limit, else the surface's setting. */
  limit: number
  now: number
  /** For background work that outlives the request (stock re-checks). */
  onError: (error: unknown) => void
}

export async function listContext(req: RecommendationsRequest, surface: ServingSurface | "recently_viewed"): Promise<ListContext> {
  const service = req.scope.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  // filterByValidSalesChannels put the publishable key's channels here (400 when it has none).
  const channels = (req.filterableFields as { sales_channel_id: string[] }).sales_channel_id
  const snapshot = await service.getServingSnapshot()
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  return {
    req,
    query: req.scope.resolve(ContainerRegistrationKeys.QUERY),
    service,
    snapshot,
    view: snapshot.view(channels),
    channels,
    limit: req.validatedQuery.limit ?? surfaceSettings(snapshot, surface === "recently_viewed" ? "for_you" : surface).settings.limit,
    now: Date.now(),
    onError: (error) => logger.warn(`Recommendations: stock not re-checked: ${error}`),
  }
}

export function shopperOf(req: RecommendationsRequest): Shopper {
  return { customer_id: req.auth_context?.actor_id || undefined, session_id: req.validatedQuery.session_id }
}

const indicesOf = (ctx: ListContext, productIds: string[]) => {
  const out: number[] = []
  for (const id of productIds) {
    const i = ctx.snapshot.catalogue.indexOf.get(id)
    if (i !== undefined) out.push(i)
  }
  return out
}

/** The products in the request's cart; 404 for an unknown cart. */
async function cartProducts(ctx: ListContext, cartId: string): Promise<number[]> {
  const { data } = await ctx.query.graph({ entity: "cart", fields: ["id", "items.product_id"], filters: { id: cartId } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id: ${cartId} was not found`)
  const items = (data[0] as { items?: { product_id: string | null }[] | null }).items ?? []
  return indicesOf(ctx, items.map((i) => i.product_id).filter((id): id is string => !!id))
}

/** The shopper's history (newest last) and purchases, in index space. */
async function historyOf(ctx: ListContext, shopper: Shopper): Promise<Pick<RankInput, "history" | "purchased">> {
  const events = await ctx.service.listShopperHistory(shopper, Object.keys(HISTORY_WEIGHTS) as HistoryType[], PERSONAL.maxEvents)
  const history = { ids: [] as number[], time: [] as number[], weight: [] as number[] }
  const purchased: number[] = []
  for (let e = events.length - 1; e >= 0; e--) {
    const i = ctx.snapshot.catalogue.indexOf.get(events[e].product_id)
    if (i === undefined) continue
    history.ids.push(i)
    history.time.push(new Date(events[e].occurred_at).getTime())
    history.weight.push(HISTORY_WEIGHTS[events[e].type])
    if (events[e].type === "purchase") purchased.push(i)
  }
  return { history, purchased }
}

/** Ranks a surface's list for this request: seeds, cart and (when needed) the shopper's history. */
export async function rankList(ctx: ListContext, surface: ServingSurface, seeds?: number[]): Promise<RankedItem[]> {
  const params = ctx.req.validatedQuery
  const { settings } = surfaceSettings(ctx.snapshot, surface)
  const shopper = shopperOf(ctx.req)
  const needsHistory = surface === "for_you" || settings.filters.excludePurchased
  const [cart, personal] = await Promise.all([
    params.cart_id ? cartProducts(ctx, params.cart_id) : undefined,
    needsHistory && (shopper.customer_id || shopper.session_id) ? historyOf(ctx, shopper) : undefined,
  ])
  const input: RankInput = {
    surface,
    want: ctx.limit + (params.hydrate === false ? 0 : SERVING.margin),
    seeds,
    cart,
    ...(surface === "for_you" ? personal : { purchased: personal?.purchased }),
    now: ctx.now,
  }
  return await rankInStock(ctx.snapshot, ctx.view, () => rankOnce(ctx.snapshot, ctx.view, input), ctx.query, ctx.channels, ctx.now, ctx.onError)
}

/** Products found published and in the request's sales channels, by id, as /store/products returns them. */
async function hydrate(ctx: ListContext, ids: string[]): Promise<Map<string, HttpTypes.StoreProduct>> {
  const { req, query } = ctx
  const { fields, withInventoryQuantity } = prepareInventoryQuantityFields(req.queryConfig.fields, { relation: "variants" })
  const context: Record<string, Record<string, unknown>> = {}
  if (isPresent(req.pricingContext)) context.variants = { calculated_price: QueryContext(req.pricingContext!) }
  const withCategories = fields.some((f) => f.startsWith("categories"))
  if (withCategories && !fields.includes("categories.is_internal")) fields.push("categories.is_internal")
  const [{ data: products }, { data: inChannels }] = await Promise.all([
    query.graph({ entity: "product", fields, filters: { id: ids, status: "published" }, context }, { locale: req.locale }),
    query.graph({ entity: "product_sales_channel", fields: ["product_id"], filters: { product_id: ids, sales_channel_id: ctx.channels } }),
  ])
  const sold = new Set((inChannels as { product_id: string }[]).map((l) => l.product_id))
  const found = (products as HttpTypes.StoreProduct[]).filter((p) => sold.has(p.id))
  if (withInventoryQuantity) {
    await wrapVariantsWithInventoryQuantityForSalesChannel(req as never, found.flatMap((p) => p.variants ?? []) as never)
  }
  if (withCategories) filterOutInternalProductCategories(found as never)
  await wrapProductsWithTaxPrices(req as never, found as never)
  return new Map(found.map((p) => [p.id, p]))
}

const explained = (r: RankedItem) => ({ score: r.score, sources: r.sources, reason: r.reason })

/**
 * Sends `{ recommendation_id, surface, products }`. Hydrated: the first `limit` ranked products
 * in one query; any found gone (unpublished, deleted, moved out of the channel a moment ago)
 * leave the channel's view and the next ranked ones take their place. `check` runs alongside the
 * first hydration; its rejection is the response.
 */
export async function sendList(ctx: ListContext, res: MedusaResponse, surface: string, ranked: RankedItem[], check?: Promise<unknown>) {
  const { limit } = ctx
  const products: Record<string, unknown>[] = []
  if (ctx.req.validatedQuery.hydrate === false) {
    for (const r of ranked.slice(0, limit)) products.push({ id: r.productId, recommendation: explained(r) })
  } else {
    for (let next = 0; products.length < limit && next < ranked.length; ) {
      const batch = ranked.slice(next, next + limit - products.length)
      next += batch.length
      const [found] = await Promise.all([hydrate(ctx, batch.map((r) => r.productId)), check])
      check = undefined
      for (const r of batch) {
        const product = found.get(r.productId)
        if (product) products.push({ ...product, recommendation: explained(r) })
        else ctx.view.drop(r.id)
      }
    }
  }
  await check
  res.json({ recommendation_id: entityId("recl"), surface, products })
}

/** The shopper's recently viewed products still on sale here, most recent first. */
export async function recentlyViewed(ctx: ListContext): Promise<RankedItem[]> {
  const shopper = shopperOf(ctx.req)
  const viewed = await ctx.service.listRecentlyViewed(shopper, SERVING.recentlyViewed)
  const { catalogue } = ctx.snapshot
  const rate = Math.LN2 / (PERSONAL.halfLifeDays * MS_PER_DAY)
  const cart = ctx.req.validatedQuery.cart_id ? new Set(await cartProducts(ctx, ctx.req.validatedQuery.cart_id)) : undefined
  const list = () => {
    const out: RankedItem[] = []
    for (const v of viewed) {
      const id = catalogue.indexOf.get(v.product_id)
      if (id === undefined || !ctx.view.isAvailable(id) || cart?.has(id)) continue
      const score = Math.exp(-rate * Math.max(0, ctx.now - new Date(v.viewed_at).getTime()))
      out.push({ id, productId: v.product_id, score, sources: { recently_viewed: score }, reason: "You viewed this recently" })
    }
    return out
  }
  return await rankInStock(ctx.snapshot, ctx.view, list, ctx.query, ctx.channels, ctx.now, ctx.onError)
}
