import { z } from "@medusajs/framework/zod"
import { SERVING } from "../../../modules/recommendations/serving"

/** Medusa ids (`prod_01H...`), or ids a store imported: letters, digits, `_` and `-`. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/
const SESSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/

/**
 * A strict schema Medusa parses as it is. Medusa's validators call `.strict()` on any object
 * schema on every request, and zod 4 builds a new schema each time (about 40 µs and its garbage
 * per storefront request, against 2 µs to parse); behind a pipe the schema is not rebuilt.
 */
export const prebuilt = <T extends z.ZodType>(schema: T) => schema.pipe(z.custom<z.output<T>>())

const id = (field: string) => z.string().regex(ID_PATTERN, { message: `${field} is not a valid id` })

const integer = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
  z.number().int().min(1).max(SERVING.maxLimit)
)

const flag = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean())

/** What every recommendation list accepts besides its surface. */
export const StoreRecommendationListParams = z.object({
  limit: integer.optional(),
  /** false: `{ id }` per product, no hydration (still filtered). */
  hydrate: flag.optional(),
  /** Whose history (anonymous shoppers); a logged-in customer's own history wins. */
  session_id: z.string().regex(SESSION_PATTERN, { message: "session_id must be 1-200 letters, digits or _ . : -" }).optional(),
  /** The shopper's cart: its products are never recommended, and it prices the list like /store/products. */
  cart_id: id("cart_id").optional(),
  // As on /store/products.
  fields: z.string().optional(),
  region_id: id("region_id").optional(),
  country_code: z.string().regex(/^[A-Za-z]{2}$/, { message: "country_code must be a two-letter country code" }).optional(),
  province: z.string().optional(),
})

type ListParams = z.infer<typeof StoreRecommendationListParams>

/** Checks between fields; each issue names its field. */
export function checkListParams(params: ListParams & { surface?: string }, ctx: z.RefinementCtx) {
  if (params.hydrate === false && params.fields !== undefined) {
    ctx.addIssue({ code: "custom", path: ["fields"], message: "fields cannot be combined with hydrate=false (products are returned as { id })" })
  }
  if (params.surface === "cart" && !params.cart_id) {
    ctx.addIssue({ code: "custom", path: ["cart_id"], message: "cart_id is required for surface 'cart'" })
  }
}

export const STORE_SURFACES = ["for_you", "trending", "recently_viewed", "cart"] as const

export const StoreGetRecommendationsParams = prebuilt(
  StoreRecommendationListParams.extend({
    surface: z.enum(STORE_SURFACES),
  })
    .strict()
    .superRefine(checkListParams)
)

export type StoreGetRecommendationsParamsType = z.infer<typeof StoreGetRecommendationsParams>
export type StoreRecommendationListParamsType = ListParams
