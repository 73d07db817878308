import { z } from "@medusajs/framework/zod"
import { SURFACES } from "../../../../engine/types"
import { SERVING } from "../../../../modules/recommendations/serving"
import { ID_PATTERN } from "../../../store/recommendations/validators"

const id = (field: string) => z.string().regex(ID_PATTERN, { message: `${field} is not a valid id` })

/** The surfaces a list is ranked from a product for. */
export const SEEDED_SURFACES = ["also_bought", "related"] as const

export const AdminGetRecommendationPreviewParams = z
  .object({
    surface: z.enum(SURFACES as [(typeof SURFACES)[number], ...(typeof SURFACES)[number][]]),
    product_id: id("product_id").optional(),
    cart_id: id("cart_id").optional(),
    /** Whose history the list is ranked with, as if that customer were logged in. */
    customer_id: id("customer_id").optional(),
    /** The sales channel the storefront sells in; default the store's default channel. */
    sales_channel_id: id("sales_channel_id").optional(),
    limit: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
      z.number().int().min(1).max(SERVING.maxLimit)
    ).optional(),
  })
  .strict()
  .superRefine((params, ctx) => {
    const seeded = (SEEDED_SURFACES as readonly string[]).includes(params.surface)
    if (seeded && !params.product_id) {
      ctx.addIssue({ code: "custom", path: ["product_id"], message: `product_id is required for surface '${params.surface}'` })
    }
    // The storefront ranks these from the shopper and the cart, never from a product page.
    if (!seeded && params.product_id) {
      ctx.addIssue({ code: "custom", path: ["product_id"], message: `product_id does not apply to surface '${params.surface}'` })
    }
    if (params.surface === "cart" && !params.cart_id) {
      ctx.addIssue({ code: "custom", path: ["cart_id"], message: "cart_id is required for surface 'cart'" })
    }
  })

export type AdminGetRecommendationPreviewParamsType = z.infer<typeof AdminGetRecommendationPreviewParams>
