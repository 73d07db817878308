import { model } from "@medusajs/framework/utils"

export const RULE_KINDS = ["pin", "exclude", "boost", "bury", "recommend_from"] as const

/**
 * A merchandising rule in Medusa's ids (products, categories, collections, tags, types); the
 * serving layer maps it to the engine's index-space Rule (src/engine/types.ts).
 */
export const RecommendationRule = model.define(
  { name: "RecommendationRule", tableName: "recommendation_rule" },
  {
    id: model.id({ prefix: "recrule" }).primaryKey(),
    kind: model.enum([...RULE_KINDS]),
    enabled: model.boolean().default(true),
    /** Surfaces the rule applies to; null = all. */
    surfaces: model.json<string[]>().nullable(),
    /** Condition on the seed products: { product_ids?, category_ids?, collection_ids?, tag_ids?, type_ids? }. */
    when: model.json().nullable(),
    /** Items the rule acts on: the same keys plus price_min / price_max. */
    match: model.json().nullable(),
    /** Pinned product ids. */
    items: model.json<string[]>().nullable(),
    /** Boost / bury multiplier. */
    factor: model.float().nullable(),
    /** Pin position (0-based). */
    position: model.number().nullable(),
    note: model.text().nullable(),
  }
)
