import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

/** What rules name: Medusa's products and the attributes rules match on. */
export type EntityKind = "products" | "categories" | "collections" | "tags" | "types"

export type EntityOption = { id: string; label: string }

type Find = { q?: string; id?: string[] }

const SEARCH_LIMIT = 10

/** One list call per kind, through Medusa's own admin routes: search by `q`, or fetch by ids. */
const LISTS: Record<EntityKind, (find: Find) => Promise<EntityOption[]>> = {
  products: (find) =>
    sdk.admin.product
      .list({ ...find, limit: SEARCH_LIMIT, fields: "id,title" })
      .then((r) => r.products.map((p) => ({ id: p.id, label: p.title }))),
  categories: (find) =>
    sdk.admin.productCategory
      .list({ ...find, limit: SEARCH_LIMIT, fields: "id,name" })
      .then((r) => r.product_categories.map((c) => ({ id: c.id, label: c.name }))),
  collections: (find) =>
    sdk.admin.productCollection
      .list({ ...find, limit: SEARCH_LIMIT, fields: "id,title" })
      .then((r) => r.collections.map((c) => ({ id: c.id, label: c.title }))),
  tags: (find) =>
    sdk.admin.productTag
      .list({ ...find, limit: SEARCH_LIMIT, fields: "id,value" })
      .then((r) => r.product_tags.map((t) => ({ id: t.id, label: t.value }))),
  types: (find) =>
    sdk.admin.productType
      .list({ ...find, limit: SEARCH_LIMIT, fields: "id,value" })
      .then((r) => r.product_types.map((t) => ({ id: t.id, label: t.value }))),
}

export const useEntitySearch = (kind: EntityKind, q: string) =>
  useQuery({
    queryKey: ["recommendations", "entities", kind, "search", q],
    queryFn: () => LISTS[kind]({ q: q || undefined }),
    placeholderData: keepPreviousData,
  })

/** Names of the ids a rule holds, to show them as more than ids. */
export const useEntityLabels = (kind: EntityKind, ids: string[]) =>
  useQuery({
    queryKey: ["recommendations", "entities", kind, "ids", ids],
    queryFn: () => LISTS[kind]({ id: ids }),
    enabled: ids.length > 0,
    select: (options) => new Map(options.map((o) => [o.id, o.label])),
  })
