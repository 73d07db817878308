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

type Lists = ItemMatch | SeedCondition
const LISTS = ["items", "categories", "collections", "tags", "types"] as const

const hasBand = (m: Lists) => (m as ItemMatch).priceMin !== undefined || (m as ItemMatch).priceMax !== undefined
const hasLists = (m: Lists) => LISTS.some((key) => !!m[key]?.length)

/**
 * An ItemMatch ready for testing many candidates, built per request for the rules that apply.
 * Categories, collections, tags and types are dense indices, so their lists become byte maps
 * (one byte per index up to the largest listed): a lookup is a load, not a hash probe.
 */
interface Matcher {
  items: Set<number> | undefined
  categories: Uint8Array | undefined
  collections: Uint8Array | undefined
  tags: Uint8Array | undefined
  types: Uint8Array | undefined
  /** Some list given: the item must be in one of them. */
  lists: boolean
  /** Price band given: only items with a known price inside it match. */
  band: boolean
  priceMin: number
  priceMax: number
}

const toSet = (list: number[] | undefined) => (list && list.length ? new Set(list) : undefined)

function toBytes(list: number[] | undefined): Uint8Array | undefined {
  if (!list || !list.length) return undefined
  const bytes = new Uint8Array(Math.max(0, ...list) + 1)
  for (const v of list) if (v >= 0) bytes[v] = 1
  return bytes
}

/** Null for a match with no list and no band: it matches nothing, so a half-filled rule never acts on everything. */
function compile(match: ItemMatch): Matcher | null {
  const lists = hasLists(match)
  const band = hasBand(match)
  if (!lists && !band) return null
  return {
    items: toSet(match.items),
    categories: toBytes(match.categories),
    collections: toBytes(match.collections),
    tags: toBytes(match.tags),
    types: toBytes(match.types),
    lists,
    band,
    priceMin: match.priceMin ?? -Infinity,
    priceMax: match.priceMax ?? Infinity,
  }
}

function rowHasAny(bytes: Uint8Array, ids: Uint32Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (bytes[ids[p]] === 1) return true
  return false
}

function holds(m: Matcher, item: number, catalog: Catalog): boolean {
  if (m.band) {
    const price = catalog.price[item]
    // NaN fails both comparisons, so an unknown price never falls inside a band.
    if (!(price >= m.priceMin && price <= m.priceMax)) return false
  }
  if (!m.lists) return true
  if (m.items !== undefined && m.items.has(item)) return true
  if (item >= catalog.nItems) return false
  const { categories: cat, tags } = catalog
  return (
    (m.categories !== undefined && rowHasAny(m.categories, cat.ids, cat.offsets[item], cat.offsets[item + 1])) ||
    (m.collections !== undefined && m.collections[catalog.collection[item]] === 1) ||
    (m.tags !== undefined && rowHasAny(m.tags, tags.ids, tags.offsets[item], tags.offsets[item + 1])) ||
    (m.types !== undefined && m.types[catalog.type[item]] === 1)
  )
}

/** True when the item is in any listed set and inside the price band (when one is given). */
export function matches(item: number, match: ItemMatch, catalog: Catalog): boolean {
  const m = compile(match)
  return m !== null && holds(m, item, catalog)
}

/**
 * The seeds' items, categories, collections, tags and types. Seed conditions are tested the
 * other way round from item matches: a request has a few seeds but a condition may list hundreds
 * of categories, so the seeds' few attributes become the sets and the lists are scanned.
 */
type SeedAttributes = Record<(typeof LISTS)[number], Set<number>>

function seedAttributes(seeds: ArrayLike<number>, catalog: Catalog): SeedAttributes {
  const a: SeedAttributes = { items: new Set(), categories: new Set(), collections: new Set(), tags: new Set(), types: new Set() }
  const { categories: cat, tags } = catalog
  for (let s = 0; s < seeds.length; s++) {
    const seed = seeds[s]
    a.items.add(seed)
    if (seed >= catalog.nItems) continue
    for (let p = cat.offsets[seed]; p < cat.offsets[seed + 1]; p++) a.categories.add(cat.ids[p])
    for (let p = tags.offsets[seed]; p < tags.offsets[seed + 1]; p++) a.tags.add(tags.ids[p])
    a.collections.add(catalog.collection[seed])
    a.types.add(catalog.type[seed])
  }
  return a
}

function conditionHolds(when: SeedCondition, seeds: SeedAttributes): boolean {
  return LISTS.some((key) => when[key]?.some((v) => seeds[key].has(v)))
}

/** True when any seed is in one of the condition's sets (an empty condition never holds). */
export function seedMatches(seeds: ArrayLike<number>, when: SeedCondition, catalog: Catalog): boolean {
  return conditionHolds(when, seedAttributes(seeds, catalog))
}

/** Why a rule cannot be applied, or undefined when it is valid; the admin shows this on save. */
export function ruleError(rule: Rule): string | undefined {
  if (rule.when && !hasLists(rule.when)) return "the seed condition lists nothing"
  switch (rule.kind) {
    case "pin":
      if (!rule.items.length) return "a pin needs at least one product"
      if (rule.position !== undefined && !(Number.isInteger(rule.position) && rule.position >= 0))
        return "position must be a whole number from 0"
      return undefined
    case "recommend_from":
      if (!rule.when) return "recommend-from needs a seed condition"
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
  if (!hasLists(match) && !hasBand(match)) return "the rule matches no products: list some or give a price band"
  if (match.priceMin !== undefined && match.priceMax !== undefined && match.priceMin > match.priceMax)
    return "the lowest price is above the highest"
  return undefined
}

/**
 * Rules that act on this request: valid, meant for the surface, and their seed condition holds.
 * Cheap enough to call again on its own output (applyRules does).
 */
export function activeRules(rules: Rule[], ctx: RuleContext): Rule[] {
  let seeds: SeedAttributes | undefined
  return rules.filter((r) => {
    if ((r.surfaces && !r.surfaces.includes(ctx.surface)) || ruleError(r) !== undefined) return false
    if (!r.when) return true
    seeds ??= seedAttributes(ctx.seeds, ctx.catalog)
    return conditionHolds(r.when, seeds)
  })
}

/**
 * The items this request's exclude rules remove, as a predicate (undefined when none apply).
 * Fallbacks must use it too, or an excluded item comes back through the trending list.
 */
export function ruleExclusion(active: Rule[], catalog: Catalog): ((id: number) => boolean) | undefined {
  const ms = matchers(active, "exclude")
  if (!ms.length) return undefined
  return (id) => {
    for (let i = 0; i < ms.length; i++) if (holds(ms[i], id, catalog)) return true
    return false
  }
}

/** Compiled matches of the given kind (rules from activeRules are valid, so none is null). */
function matchers(active: Rule[], kind: "exclude" | "recommend_from"): Matcher[] {
  const out: Matcher[] = []
  for (const r of active) if (r.kind === kind) out.push(compile(r.match)!)
  return out
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
  const factorRules = active.filter((r): r is Extract<Rule, { factor: number }> => r.kind === "boost" || r.kind === "bury")
  const factorMatchers = factorRules.map((r) => compile(r.match)!)
  const from = matchers(active, "recommend_from")

  const out: Candidate[] = []
  const lifted: number[] = [] // positions in out, lifted once the best other score is known
  let bestOther = 0
  for (const c of candidates) {
    if (excluded !== undefined && excluded(c.id)) continue
    let score = c.score
    for (let r = 0; r < factorMatchers.length; r++) if (holds(factorMatchers[r], c.id, catalog)) score *= factorRules[r].factor
    let lift = false
    for (let r = 0; r < from.length && !lift; r++) lift = holds(from[r], c.id, catalog)
    if (lift) lifted.push(out.length)
    else if (score > bestOther) bestOther = score
    out.push(score === c.score ? c : { ...c, score })
  }
  for (const i of lifted) out[i] = { ...out[i], score: out[i].score + bestOther }

  for (const r of active) {
    if (r.kind !== "pin") continue
    let next = r.position ?? 0
    for (const id of r.items) {
      const at = next++
      if (id >= catalog.nItems || excluded?.(id)) continue
      let i = out.length - 1
      while (i >= 0 && out[i].id !== id) i--
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
