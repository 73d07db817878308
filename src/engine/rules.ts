/**
 * Merchandising rules, applied to the blended candidates: exclude, boost, bury, pin and
 * "recommend from". Rules are compiled per request, and only those that apply (surface and seed
 * condition hold) are compiled at all, so an idle rule costs one surface check.
 */
import type { Candidate, Catalog, ItemMatch, Rule, SeedCondition, Surface } from "./types"

export interface RuleContext {
  surface: Surface
  seeds: ArrayLike<number>
  catalog: Catalog
}

/** An ItemMatch or SeedCondition with its lists turned into sets. */
interface Matcher {
  items?: Set<number>
  categories?: Set<number>
  collections?: Set<number>
  tags?: Set<number>
  types?: Set<number>
  /** Price band given: only items with a known price inside it match. */
  band: boolean
  priceMin: number
  priceMax: number
  /** No list and no price band: matches nothing, so a half-filled rule never acts on everything. */
  empty: boolean
}

const toSet = (list: number[] | undefined) => (list && list.length ? new Set(list) : undefined)

function compile(match: ItemMatch | SeedCondition): Matcher {
  const { priceMin, priceMax } = match as ItemMatch
  const m: Matcher = {
    items: toSet(match.items),
    categories: toSet(match.categories),
    collections: toSet(match.collections),
    tags: toSet(match.tags),
    types: toSet(match.types),
    band: priceMin !== undefined || priceMax !== undefined,
    priceMin: priceMin ?? -Infinity,
    priceMax: priceMax ?? Infinity,
    empty: false,
  }
  m.empty = !m.band && !m.items && !m.categories && !m.collections && !m.tags && !m.types
  return m
}

function rowHasAny(set: Set<number>, ids: Uint32Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (set.has(ids[p])) return true
  return false
}

function holds(m: Matcher, item: number, catalog: Catalog): boolean {
  if (m.empty) return false
  if (m.band) {
    const price = catalog.price[item]
    // NaN fails both comparisons, so an unknown price never falls inside a band.
    if (!(price >= m.priceMin && price <= m.priceMax)) return false
  }
  const anyList = m.items || m.categories || m.collections || m.tags || m.types
  if (!anyList) return true
  if (m.items?.has(item)) return true
  if (item >= catalog.nItems) return false
  const { categories: cat, tags } = catalog
  return !!(
    (m.categories && rowHasAny(m.categories, cat.ids, cat.offsets[item], cat.offsets[item + 1])) ||
    (m.collections && m.collections.has(catalog.collection[item])) ||
    (m.tags && rowHasAny(m.tags, tags.ids, tags.offsets[item], tags.offsets[item + 1])) ||
    (m.types && m.types.has(catalog.type[item]))
  )
}

/** True when the item is in any listed set and inside the price band (when one is given). */
export function matches(item: number, match: ItemMatch, catalog: Catalog): boolean {
  return holds(compile(match), item, catalog)
}

/** True when any seed is in one of the condition's sets (an empty condition never holds). */
export function seedMatches(seeds: ArrayLike<number>, when: SeedCondition, catalog: Catalog): boolean {
  const m = compile(when)
  for (let i = 0; i < seeds.length; i++) if (holds(m, seeds[i], catalog)) return true
  return false
}

const isEmpty = (m: ItemMatch | SeedCondition) => compile(m).empty

/** Why a rule cannot be applied, or undefined when it is valid; the admin shows this on save. */
export function ruleError(rule: Rule): string | undefined {
  if (rule.when && isEmpty(rule.when)) return "the seed condition lists nothing"
  switch (rule.kind) {
    case "pin":
      if (!rule.items.length) return "a pin needs at least one product"
      if (rule.position !== undefined && !(Number.isInteger(rule.position) && rule.position >= 0))
        return "position must be a whole number from 0"
      return undefined
    case "recommend_from":
      if (!rule.when || isEmpty(rule.when)) return "recommend-from needs a seed condition"
      break
    case "boost":
      if (!(Number.isFinite(rule.factor) && rule.factor > 1)) return "a boost factor must be above 1"
      break
    case "bury":
      // 0 would hide the item: that is what exclude is for.
      if (!(rule.factor > 0 && rule.factor < 1)) return "a bury factor must be between 0 and 1"
      break
  }
  const { match } = rule
  if (isEmpty(match)) return "the rule matches no products: list some or give a price band"
  if (match.priceMin !== undefined && match.priceMax !== undefined && match.priceMin > match.priceMax)
    return "the lowest price is above the highest"
  return undefined
}

/** Rules that act on this request: valid, meant for the surface, and their seed condition holds. */
export function activeRules(rules: Rule[], ctx: RuleContext): Rule[] {
  return rules.filter(
    (r) =>
      (!r.surfaces || r.surfaces.includes(ctx.surface)) &&
      ruleError(r) === undefined &&
      (!r.when || seedMatches(ctx.seeds, r.when, ctx.catalog))
  )
}

/**
 * The items this request's exclude rules remove, as a predicate (undefined when none apply).
 * Fallbacks must use it too, or an excluded item comes back through the trending list.
 */
export function ruleExclusion(active: Rule[], catalog: Catalog): ((id: number) => boolean) | undefined {
  const ms = active.flatMap((r) => (r.kind === "exclude" ? [compile(r.match)] : []))
  if (!ms.length) return undefined
  return (id) => ms.some((m) => holds(m, id, catalog))
}

/**
 * Applies the rules that hold for this request. Exclusions win over pins (a merchant's "never
 * show" is a hard limit); boosts and buries multiply; recommend-from lifts matching items above
 * the best non-matching score, so they lead while the rest still fill the list. Inputs are not
 * mutated: changed candidates are copies.
 */
export function applyRules(candidates: Candidate[], rules: Rule[], ctx: RuleContext): Candidate[] {
  const active = activeRules(rules, ctx)
  if (!active.length) return candidates
  const { catalog } = ctx
  const excluded = ruleExclusion(active, catalog)
  const factors = active.flatMap((r) => (r.kind === "boost" || r.kind === "bury" ? [{ m: compile(r.match), f: r.factor }] : []))
  const from = active.flatMap((r) => (r.kind === "recommend_from" ? [compile(r.match)] : []))

  const out: Candidate[] = []
  const lifted: boolean[] = []
  let bestOther = 0
  for (const c of candidates) {
    if (excluded?.(c.id)) continue
    let score = c.score
    for (const { m, f } of factors) if (holds(m, c.id, catalog)) score *= f
    const lift = from.some((m) => holds(m, c.id, catalog))
    if (!lift && score > bestOther) bestOther = score
    out.push(score === c.score ? c : { ...c, score })
    lifted.push(lift)
  }
  if (from.length) {
    for (let i = 0; i < out.length; i++) if (lifted[i]) out[i] = { ...out[i], score: out[i].score + bestOther }
  }

  for (const r of active) {
    if (r.kind !== "pin") continue
    let next = r.position ?? 0
    for (const id of r.items) {
      const at = next++
      if (id >= catalog.nItems || excluded?.(id)) continue
      const i = out.findIndex((c) => c.id === id)
      if (i >= 0 && out[i].pinned !== undefined) continue // an earlier pin rule placed it
      const base = i >= 0 ? out[i] : { id, score: 0, sources: {} }
      const pinnedItem: Candidate = { ...base, pinned: at, sources: { ...base.sources, rule: 1 } }
      if (i >= 0) out[i] = pinnedItem
      else out.push(pinnedItem)
    }
  }
  return out
}

/**
 * Lays out a final list of at most k: pins at their positions, the other items in order around
 * them. Pins keep their relative order; one that collides, or lies past the end of a short list,
 * takes the nearest slot that still leaves room for the pins after it. When pins outnumber the
 * slots, lower positions win. Every stage that reshapes the list lays it out with this.
 */
export function placePinned(free: Candidate[], pinned: Candidate[], k: number): Candidate[] {
  const total = Math.min(k, free.length + pinned.length)
  if (!pinned.length) return free.length > total ? free.slice(0, total) : free
  const pins = pinned
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.pinned! - b.c.pinned! || a.i - b.i)
    .slice(0, total)
  const slots: (Candidate | undefined)[] = new Array(total).fill(undefined)
  let previous = -1
  pins.forEach(({ c }, j) => {
    previous = Math.max(previous + 1, Math.min(c.pinned!, total - (pins.length - j)))
    slots[previous] = c
  })
  let next = 0
  for (let i = 0; i < total; i++) if (!slots[i]) slots[i] = free[next++]
  return slots as Candidate[]
}
