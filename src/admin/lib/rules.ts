import type { EntityKind } from "../hooks/use-entity-search"
import type { Rule, RuleCondition, RuleInput, RuleKind, RuleMatch, Surface } from "./types"

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  pin: "Pin",
  exclude: "Exclude",
  boost: "Boost",
  bury: "Bury",
  recommend_from: "Recommend from",
}

export const RULE_KIND_HINTS: Record<RuleKind, string> = {
  pin: "Always show these products, at this position.",
  exclude: "Never show the matching products.",
  boost: "Multiply the matching products' scores by the factor (above 1).",
  bury: "Multiply the matching products' scores by the factor (below 1).",
  recommend_from: "When the product matches the condition, recommend from the matching products.",
}

/** The condition key each picker fills. */
export const CONDITION_KEYS: Record<EntityKind, keyof RuleCondition> = {
  products: "product_ids",
  categories: "category_ids",
  collections: "collection_ids",
  tags: "tag_ids",
  types: "type_ids",
}

export const ENTITY_KINDS = Object.keys(CONDITION_KEYS) as EntityKind[]

/** A rule as the form edits it: every list present, numbers as typed. */
export type RuleDraft = {
  kind: RuleKind
  enabled: boolean
  surfaces: Surface[]
  when: Required<RuleCondition>
  match: Required<RuleCondition> & { price_min: string; price_max: string }
  items: string[]
  factor: string
  position: string
  note: string
}

const emptyCondition = (): Required<RuleCondition> => ({
  product_ids: [],
  category_ids: [],
  collection_ids: [],
  tag_ids: [],
  type_ids: [],
})

const numberText = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n))

export const draftOf = (rule?: Rule): RuleDraft => ({
  kind: rule?.kind ?? "pin",
  enabled: rule?.enabled ?? true,
  surfaces: rule?.surfaces ?? [],
  when: { ...emptyCondition(), ...rule?.when },
  match: {
    ...emptyCondition(),
    ...rule?.match,
    price_min: numberText(rule?.match?.price_min),
    price_max: numberText(rule?.match?.price_max),
  },
  items: rule?.items ?? [],
  factor: numberText(rule?.factor),
  position: numberText(rule?.position),
  note: rule?.note ?? "",
})

/** Only the non-empty lists; null when none. */
function conditionOf(condition: Required<RuleCondition>): RuleCondition | null {
  const entries = Object.entries(condition).filter(([, ids]) => ids.length > 0)
  return entries.length ? Object.fromEntries(entries) : null
}

const numberOf = (text: string) => (text.trim() === "" ? null : Number(text))

/** The API body: only the fields the kind uses; what makes the rule valid, the API says. */
export function ruleInputOf(draft: RuleDraft): RuleInput {
  const { price_min, price_max, ...matchIds } = draft.match
  const match: RuleMatch | null = conditionOf(matchIds)
  const priceMin = numberOf(price_min)
  const priceMax = numberOf(price_max)
  const withPrices =
    priceMin === null && priceMax === null
      ? match
      : { ...match, ...(priceMin !== null && { price_min: priceMin }), ...(priceMax !== null && { price_max: priceMax }) }
  return {
    kind: draft.kind,
    enabled: draft.enabled,
    surfaces: draft.surfaces.length ? draft.surfaces : null,
    when: conditionOf(draft.when),
    match: draft.kind === "pin" ? null : withPrices,
    items: draft.kind === "pin" ? draft.items : null,
    factor: draft.kind === "boost" || draft.kind === "bury" ? numberOf(draft.factor) : null,
    position: draft.kind === "pin" ? numberOf(draft.position) : null,
    note: draft.note.trim() || null,
  }
}

/** "2 products, 1 category": a condition in a table cell. */
export function describeCondition(condition: RuleMatch | null): string {
  if (!condition) return "-"
  const parts = ENTITY_KINDS.flatMap((kind) => {
    const ids = condition[CONDITION_KEYS[kind]]
    return ids?.length ? [`${ids.length} ${ids.length === 1 ? kind.replace(/ies$/, "y").replace(/s$/, "") : kind}`] : []
  })
  if (condition.price_min !== undefined || condition.price_max !== undefined) {
    parts.push(`price ${condition.price_min ?? 0} to ${condition.price_max ?? "any"}`)
  }
  return parts.join(", ") || "-"
}
