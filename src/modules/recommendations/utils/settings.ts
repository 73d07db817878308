/**
 * A surface's settings = the engine's production defaults, overridden by what the merchant
 * stored. Only keys the defaults know are read, and only with the defaults' type (objects merge
 * key by key, arrays and scalars replace), so a stale or partial stored row never breaks serving.
 */
import type { SurfaceSettings } from "../../../engine/types"

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] }

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v)

function merge(defaults: unknown, stored: unknown): unknown {
  if (isPlainObject(defaults)) {
    const out: Record<string, unknown> = {}
    const from = isPlainObject(stored) ? stored : {}
    for (const key of Object.keys(defaults)) out[key] = merge(defaults[key], from[key])
    return out
  }
  if (Array.isArray(defaults)) return Array.isArray(stored) ? [...stored] : [...defaults]
  if (stored === undefined || stored === null) return defaults
  if (typeof defaults === "number") return typeof stored === "number" && Number.isFinite(stored) ? stored : defaults
  return typeof stored === typeof defaults ? stored : defaults
}

export function mergeSurfaceSettings(defaults: SurfaceSettings, stored?: DeepPartial<SurfaceSettings> | null): SurfaceSettings {
  return merge(defaults, stored ?? {}) as SurfaceSettings
}
