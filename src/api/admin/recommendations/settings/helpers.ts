import { MedusaError } from "@medusajs/framework/utils"
import { SURFACES, type Surface, type SurfaceSettings } from "../../../../engine/types"
import type { DeepPartial } from "../../../../modules/recommendations/utils/settings"

/** Settings as the admin API shows them: the engine's SurfaceSettings with snake_case keys. */
export type AdminSurfaceSettings = {
  weights: SurfaceSettings["weights"]
  fallbacks: SurfaceSettings["fallbacks"]
  min_score: number
  limit: number
  diversity: { lambda: number; max_per_category: number; exploration_slots: number }
  filters: { exclude_cart: boolean; exclude_purchased: boolean; available_only: boolean }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v)

/** Renames the keys of nested objects; arrays and scalars (fallback names included) pass through. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (!isPlainObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]))
}

const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const toCamel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

export const toAdminSettings = (settings: SurfaceSettings) => renameKeys(settings, toSnake) as AdminSurfaceSettings

export const toAdminSettingsBySurface = (bySurface: Record<Surface, SurfaceSettings>) =>
  Object.fromEntries(SURFACES.map((s) => [s, toAdminSettings(bySurface[s])])) as Record<Surface, AdminSurfaceSettings>

/** A validated partial change in the engine's camelCase, as the module stores it. */
export const fromAdminSettings = (change: DeepPartial<AdminSurfaceSettings>) =>
  renameKeys(change, toCamel) as DeepPartial<SurfaceSettings>

/** The path's surface; an unknown one is a resource that does not exist. */
export function surfaceParam(value: string): Surface {
  if (!SURFACES.includes(value as Surface)) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Surface "${value}" was not found: expected one of ${SURFACES.join(", ")}`
    )
  }
  return value as Surface
}
