/**
 * The merchant's rules, stored in Medusa's ids, in the engine's index space for one catalogue.
 * Ids the catalogue does not know are dropped: a condition left empty never holds and a match left
 * empty matches nothing, so the engine ignores such a rule (ruleError) rather than widening it.
 */
import { SURFACES, type ItemMatch, type Rule, type SeedCondition, type Surface } from "../../../engine"
import type { ServingCatalogue } from "./catalogue"

/** A `recommendation_rule` row as the service lists it. */
export interface StoredRule {
  kind: string
  enabled: boolean
  surfaces: string[] | null
  when: Record<string, unknown> | null
  match: Record<string, unknown> | null
  items: string[] | null
  factor: number | null
  position: number | null
}

const LISTS = {
  items: "product_ids",
  categories: "category_ids",
  collections: "collection_ids",
  tags: "tag_ids",
  types: "type_ids",
} as const

type Lookups = Record<keyof typeof LISTS, (id: string) => number | undefined>

function lookups(catalogue: ServingCatalogue): Lookups {
  const indexIn = (names: string[]) => {
    const map = new Map(names.map((n, i) => [n, i]))
    return (id: string) => map.get(id)
  }
  return {
    items: (id) => catalogue.indexOf.get(id),
    categories: (id) => catalogue.categoryIndex.get(id),
    collections: indexIn(catalogue.names.collections),
    tags: indexIn(catalogue.names.tags),
    types: indexIn(catalogue.names.types),
  }
}

function mapIds(ids: unknown, lookup: (id: string) => number | undefined): number[] {
  if (!Array.isArray(ids)) return []
  const out: number[] = []
  for (const id of ids) {
    const i = typeof id === "string" ? lookup(id) : undefined
    if (i !== undefined) out.push(i)
  }
  return out
}

function condition(stored: Record<string, unknown>, find: Lookups): SeedCondition {
  const out: SeedCondition = {}
  for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    const ids = mapIds(stored[LISTS[key]], find[key])
    if (ids.length) out[key] = ids
  }
  return out
}

function itemMatch(stored: Record<string, unknown> | null, find: Lookups): ItemMatch {
  const match: ItemMatch = condition(stored ?? {}, find)
  const number = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined)
  const priceMin = number(stored?.price_min)
  const priceMax = number(stored?.price_max)
  if (priceMin !== undefined) match.priceMin = priceMin
  if (priceMax !== undefined) match.priceMax = priceMax
  return match
}

export function toEngineRules(stored: StoredRule[], catalogue: ServingCatalogue): Rule[] {
  const find = lookups(catalogue)
  const rules: Rule[] = []
  for (const r of stored) {
    if (!r.enabled) continue
    const surfaces = r.surfaces ? (r.surfaces.filter((s) => SURFACES.includes(s as Surface)) as Surface[]) : undefined
    const when = r.when ? condition(r.when, find) : undefined
    const base = { ...(when ? { when } : {}), ...(surfaces ? { surfaces } : {}) }
    switch (r.kind) {
      case "pin":
        rules.push({ kind: "pin", items: mapIds(r.items, find.items), ...(r.position != null ? { position: r.position } : {}), ...base })
        break
      case "exclude":
        rules.push({ kind: "exclude", match: itemMatch(r.match, find), ...base })
        break
      case "boost":
      case "bury":
        rules.push({ kind: r.kind, match: itemMatch(r.match, find), factor: r.factor ?? NaN, ...base })
        break
      case "recommend_from":
        rules.push({ kind: "recommend_from", when: when ?? {}, match: itemMatch(r.match, find), ...(surfaces ? { surfaces } : {}) })
        break
    }
  }
  return rules
}
