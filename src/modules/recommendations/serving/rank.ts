/**
 * One storefront list in index space: the engine's request pipeline (blend, rules, filters,
 * diversity, fallbacks, reasons) over the channel's view of the catalogue, topped up with the
 * newest products when the model has too little to say (before the first training, or a shop
 * with no orders yet), then checked for stock: out-of-stock products leave the view for a while
 * and the list is ranked again without them.
 */
import { recommend, type RecommendationRequest, type Surface, type SurfaceSettings } from "../../../engine"
import { blocked } from "../../../engine/filters"
import { activeRules, ruleExclusion } from "../../../engine/rules"
import type { ChannelView } from "./channel-view"
import { SERVING } from "./params"
import type { ServingSnapshot } from "./state"
import type { Query } from "./stock"

/** What a storefront asks for; `trending` is the store-wide list under the for_you settings. */
export type ServingSurface = Surface | "trending"

export interface RankInput {
  surface: ServingSurface
  /** How many items to rank (the caller adds a margin for hydration). */
  want: number
  seeds?: number[]
  cart?: number[]
  /** Newest last. */
  history?: { ids: number[]; time: number[]; weight: number[] }
  purchased?: number[]
  now: number
}

export interface RankedItem {
  id: number
  productId: string
  score: number
  sources: Record<string, number>
  reason: string
}

/** The settings a surface is served with; `trending` is for_you's with trending alone. */
export function surfaceSettings(snapshot: ServingSnapshot, surface: ServingSurface): { surface: Surface; settings: SurfaceSettings } {
  if (surface !== "trending") return { surface, settings: snapshot.settings[surface] }
  const base = snapshot.settings.for_you
  return {
    surface: "for_you",
    settings: { ...base, weights: { cooccurrence: 0, content: 0, personal: 0, trending: 1 }, fallbacks: ["trending"] },
  }
}

export function rankOnce(snapshot: ServingSnapshot, view: ChannelView, input: RankInput): RankedItem[] {
  const { catalogue, rules } = snapshot
  const { model, productIds, titles } = catalogue
  const { surface, settings: stored } = surfaceSettings(snapshot, input.surface)
  const settings = { ...stored, limit: input.want }
  const request: RecommendationRequest = {
    surface,
    limit: input.want,
    seeds: input.seeds,
    cart: input.cart,
    purchased: input.purchased,
    now: input.now,
  }
  if (input.history) {
    // Personal scores index the model's arrays: products trained without it carry no evidence yet.
    const keep = input.history.ids.map((id, i) => (id < model.nItems ? i : -1)).filter((i) => i >= 0)
    request.history = {
      ids: keep.map((i) => input.history!.ids[i]),
      time: keep.map((i) => input.history!.time[i]),
      weight: keep.map((i) => input.history!.weight[i]),
    }
  }
  const list = recommend(request, settings, {
    model,
    catalog: view.catalog,
    scratch: catalogue.scratch,
    similarity: catalogue.similarity,
    rules,
    titles: (id) => titles[id] ?? "",
    fresh: catalogue.fresh,
  })
  const ranked: RankedItem[] = list.map((r) => ({
    id: r.id,
    productId: productIds[r.id],
    score: r.score,
    sources: r.sources as Record<string, number>,
    reason: r.reason,
  }))
  if (ranked.length < input.want) topUpNewest(ranked, snapshot, view, request, settings, input.want)
  return ranked
}

/**
 * Fills a short list with the newest products: first those sharing a category with the seeds,
 * then any, skipping what the request's filters and exclude rules block.
 */
function topUpNewest(
  ranked: RankedItem[],
  snapshot: ServingSnapshot,
  view: ChannelView,
  request: RecommendationRequest,
  settings: SurfaceSettings,
  want: number
) {
  const { catalogue } = snapshot
  const { catalog } = view
  const seeds = request.seeds ?? (request.surface === "cart" ? request.cart ?? [] : [])
  const hard = blocked({ request, settings, catalog })
  const excluded = ruleExclusion(activeRules(snapshot.rules, { surface: request.surface, seeds, catalog }), catalog)
  const listed = new Set(ranked.map((r) => r.id))
  const take = (id: number, reason: string, source: string) => {
    if (listed.has(id) || hard(id) || excluded?.(id)) return
    listed.add(id)
    ranked.push({ id, productId: catalogue.productIds[id], score: 0, sources: { [source]: 0 }, reason })
  }
  const { offsets, ids } = catalogue.categoryNewest
  const { categories } = catalog
  for (let s = 0; s < seeds.length && ranked.length < want; s++) {
    const seed = seeds[s]
    for (let c = categories.offsets[seed]; c < categories.offsets[seed + 1] && ranked.length < want; c++) {
      const category = categories.ids[c]
      const reason = `New in ${catalogue.categoryNames[category] ?? "this category"}`
      for (let p = offsets[category]; p < offsets[category + 1] && ranked.length < want; p++) take(ids[p], reason, "category_newest")
    }
  }
  for (let p = 0; p < catalogue.newest.length && ranked.length < want; p++) take(catalogue.newest[p], "New in the store", "newest")
}

/**
 * Runs `rank` over products whose stock is known: products never checked are checked first (one
 * query; those out of stock leave the view and the list is ranked again); expired answers, of
 * listed and of hidden products, are refreshed in the background while the old ones serve, and
 * a new view's first request starts a background check of the view's products.
 */
export async function rankInStock(
  snapshot: ServingSnapshot,
  view: ChannelView,
  rank: () => RankedItem[],
  query: Query,
  channelIds: string[],
  now: number,
  onError: (error: unknown) => void
): Promise<RankedItem[]> {
  const check = async (ids: number[], at: number) => {
    const productIds = snapshot.catalogue.productIds
    const out = await snapshot.stock.outOfStock(query, ids.map((id) => productIds[id]), channelIds)
    view.record(ids, new Set(ids.filter((id) => out.has(productIds[id]))), at)
    return out.size
  }
  const expired = view.takeExpired(now)
  let ranked = rank()
  const stale = ranked.filter((r) => view.isStale(r.id, now)).map((r) => r.id)
  const recheck = expired.concat(stale)
  if (recheck.length) view.checking(recheck, now)
  // A new view checks its products in the background too; until then a request checks its own.
  const cold = view.takeUnchecked(snapshot.catalogue.model.trendingOrder, SERVING.warmProducts)
  if (recheck.length || cold.length) {
    view.recheck(recheck.concat(cold), now, (batch, at) =>
      check(batch, at).then(
        () => undefined,
        (error) => {
          // The hidden ones stay hidden, to be re-checked after another TTL.
          for (const id of batch) if (!view.isAvailable(id)) view.hide(id, at)
          onError(error)
        }
      )
    )
  }
  for (let round = 0; round < SERVING.stockRounds; round++) {
    const unchecked = ranked.filter((r) => view.neverChecked(r.id)).map((r) => r.id)
    if (!unchecked.length) return ranked
    view.checking(unchecked, now)
    if (!(await check(unchecked, now))) return ranked
    ranked = rank()
  }
  return ranked.filter((r) => view.isAvailable(r.id))
}
