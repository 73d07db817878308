import type { SurfaceSettings } from "../../../engine/types"

/**
 * What is wrong with a surface's complete settings, across fields (each field's own range is
 * checked by the route's validator), or undefined. Named as the admin API names the fields.
 */
export function settingsProblem(settings: SurfaceSettings): string | undefined {
  if (!Object.values(settings.weights).some((w) => w > 0)) {
    return "weights: at least one source needs a weight above 0"
  }
  if (settings.diversity.explorationSlots > settings.limit) {
    return `diversity.exploration_slots (${settings.diversity.explorationSlots}) must not exceed limit (${settings.limit})`
  }
  return undefined
}
