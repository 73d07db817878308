import type { ItemMatch, Rule, SeedCondition } from "../../../engine/types"
import { ruleError } from "../../../engine/rules"
import type { RecommendationRuleFields, RuleCondition, RuleMatch } from "../types"

/** Fields that only some kinds read; set on another kind they would be stored and silently ignored. */
const ONLY_FOR: { field: "items" | "position" | "factor" | "match"; kinds: RecommendationRuleFields["kind"][]; says: string }[] = [
  { field: "items", kinds: ["pin"], says: "items applies only to pin rules" },
  { field: "position", kinds: ["pin"], says: "position applies only to pin rules" },
  { field: "factor", kinds: ["boost", "bury"], says: "factor applies only to boost and bury rules" },
  { field: "match", kinds: ["exclude", "boost", "bury", "recommend_from"], says: "match does not apply to pin rules: list the pinned products in items" },
]

// The engine checks lists by their length only, so each id stands in as its position.
const positions = (ids: string[] | undefined) => ids?.map((_, i) => i)

const toCondition = (c: RuleCondition): SeedCondition => ({
  items: positions(c.product_ids),
  categories: positions(c.category_ids),
  collections: positions(c.collection_ids),
  tags: positions(c.tag_ids),
  types: positions(c.type_ids),
})

const toMatch = (m: RuleMatch | null): ItemMatch => ({
  ...toCondition(m ?? {}),
  priceMin: m?.price_min ?? undefined,
  priceMax: m?.price_max ?? undefined,
})

/** The engine's form of a stored rule, ids replaced by stand-in indices, for its validity check. */
export function toEngineRule(rule: RecommendationRuleFields): Rule {
  const when = rule.when ? toCondition(rule.when) : undefined
  const surfaces = rule.surfaces ?? undefined
  switch (rule.kind) {
    case "pin":
      return { kind: "pin", items: positions(rule.items ?? []) ?? [], position: rule.position ?? undefined, when, surfaces }
    case "boost":
    case "bury":
      return { kind: rule.kind, match: toMatch(rule.match), factor: rule.factor ?? NaN, when, surfaces }
    case "exclude":
      return { kind: "exclude", match: toMatch(rule.match), when, surfaces }
    case "recommend_from":
      // A missing condition is passed as missing: the engine says recommend-from needs one.
      return { kind: "recommend_from", match: toMatch(rule.match), when: when!, surfaces }
  }
}

/** Why a stored rule could not be applied, or undefined; the engine's ruleError decides validity. */
export function ruleProblem(rule: RecommendationRuleFields): string | undefined {
  const misplaced = ONLY_FOR.find(({ field, kinds }) => rule[field] != null && !kinds.includes(rule.kind))
  if (misplaced) return misplaced.says
  return ruleError(toEngineRule(rule))
}

/** Catalogue entities a rule can name, by the Medusa entity query.graph reads them from. */
export const REFERENCED_ENTITIES = {
  product: "products",
  product_category: "categories",
  product_collection: "collections",
  product_tag: "tags",
  product_type: "types",
} as const

export type ReferencedEntity = keyof typeof REFERENCED_ENTITIES

const LIST_ENTITY: Record<keyof RuleCondition, ReferencedEntity> = {
  product_ids: "product",
  category_ids: "product_category",
  collection_ids: "product_collection",
  tag_ids: "product_tag",
  type_ids: "product_type",
}

/** Every id the rules name (conditions, matches and pinned items), distinct, by entity. */
export function ruleReferences(rules: RecommendationRuleFields[]): Record<ReferencedEntity, string[]> {
  const sets = Object.fromEntries(Object.keys(REFERENCED_ENTITIES).map((e) => [e, new Set<string>()])) as Record<
    ReferencedEntity,
    Set<string>
  >
  for (const rule of rules) {
    for (const id of rule.items ?? []) sets.product.add(id)
    for (const part of [rule.when, rule.match]) {
      if (!part) continue
      for (const [key, entity] of Object.entries(LIST_ENTITY) as [keyof RuleCondition, ReferencedEntity][]) {
        for (const id of part[key] ?? []) sets[entity].add(id)
      }
    }
  }
  return Object.fromEntries(Object.entries(sets).map(([e, s]) => [e, [...s]])) as Record<ReferencedEntity, string[]>
}
