import { model } from "@medusajs/framework/utils"
import type { SurfaceSettings } from "../../../engine/types"

export const SETTINGS_SURFACES = ["also_bought", "related", "cart", "for_you"] as const

/**
 * A merchant's settings for one surface: only what differs from the engine's production
 * defaults (SURFACE_DEFAULTS) needs to be stored; the service merges the two.
 */
export const RecommendationSetting = model
  .define(
    { name: "RecommendationSetting", tableName: "recommendation_settings" },
    {
      id: model.id({ prefix: "recset" }).primaryKey(),
      surface: model.enum([...SETTINGS_SURFACES]),
      settings: model.json<Partial<SurfaceSettings>>(),
    }
  )
  .indexes([{ on: ["surface"], unique: true, where: null }])
