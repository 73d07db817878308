const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v)

/**
 * A stored settings override with a change applied: objects merge key by key, arrays and
 * scalars replace (a new fallback order replaces the old one). Neither input is mutated.
 */
export function mergeOverride<T extends Record<string, unknown>>(stored: T, change: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...stored }
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeOverride(out[key] as Record<string, unknown>, value) : value
  }
  return out as T
}
