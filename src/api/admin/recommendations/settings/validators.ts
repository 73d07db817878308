import { z } from "@medusajs/framework/zod"
import type { Fallback } from "../../../../engine/types"
import { enumList } from "../../../utils/enum-list"

export const FALLBACKS = ["cooccurrence", "content", "category_trending", "trending"] as const satisfies readonly Fallback[]

/** Longest list a surface may be set to return. */
export const MAX_LIST_LENGTH = 100

const weight = z.number().min(0)

/**
 * A change to one surface's settings, in the API's snake_case: every field optional (what is
 * given is deep-merged over the stored override), nested objects strict so a misspelt key is
 * refused rather than ignored. `reset: true` drops the stored override first, so the surface
 * goes back to the defaults with only this request's fields changed.
 */
export const AdminUpdateSurfaceSettings = z.object({
  reset: z.boolean().optional(),
  weights: z
    .strictObject({
      cooccurrence: weight.optional(),
      content: weight.optional(),
      personal: weight.optional(),
      trending: weight.optional(),
    })
    .optional(),
  fallbacks: enumList("fallbacks", FALLBACKS).optional(),
  min_score: z.number().min(0).optional(),
  limit: z.number().int().min(1).max(MAX_LIST_LENGTH).optional(),
  diversity: z
    .strictObject({
      lambda: z.number().min(0).max(1).optional(),
      max_per_category: z.number().int().min(0).optional(),
      exploration_slots: z.number().int().min(0).optional(),
    })
    .optional(),
  filters: z
    .strictObject({
      exclude_cart: z.boolean().optional(),
      exclude_purchased: z.boolean().optional(),
      available_only: z.boolean().optional(),
    })
    .optional(),
})

export type AdminUpdateSurfaceSettingsType = z.infer<typeof AdminUpdateSurfaceSettings>
