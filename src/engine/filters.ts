/**
 * Hard filters: what a list may never show. One predicate decides for the candidates here and for
 * the items the fallback stage appends, so both follow the same rules.
 */
import { seedsOf } from "./blend"
import type { Candidate, Catalog, RecommendationRequest, SurfaceSettings } from "./types"

export interface FilterContext {
  request: RecommendationRequest
  settings: SurfaceSettings
  catalog?: Catalog
}

function addAll(set: Set<number>, ids: ArrayLike<number> | undefined) {
  if (ids) for (let i = 0; i < ids.length; i++) set.add(ids[i])
}

/**
 * A predicate that is true for items the request must not show: the seeds, request.exclude, the
 * cart and past purchases when the surface's filters say so, and (with availableOnly and a
 * catalog) items not marked available. Items outside the catalog count as unavailable.
 * Pins get no exemption: a pin never shows the seed or an unpublished product.
 */
export function blocked(ctx: FilterContext): (id: number) => boolean {
  const { request, settings, catalog } = ctx
  const never = new Set<number>()
  addAll(never, seedsOf(request))
  addAll(never, request.exclude)
  if (settings.filters.excludeCart) addAll(never, request.cart)
  if (settings.filters.excludePurchased) addAll(never, request.purchased)
  const available = settings.filters.availableOnly ? catalog?.available : undefined
  if (available) return (id) => available[id] !== 1 || never.has(id)
  return (id) => never.has(id)
}

export function applyFilters(candidates: Candidate[], ctx: FilterContext): Candidate[] {
  const isBlocked = blocked(ctx)
  return candidates.filter((c) => !isBlocked(c.id))
}
