import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)

const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** The stored result (the engine's camelCase) as the admin API names fields: snake_case. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys)
  if (!isPlainObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toSnake(k), snakeKeys(v)]))
}

/** A tune run as the admin reads it; `filters` picks it (by id), or none: the newest. */
export async function refetchTuneRun(scope: MedusaContainer, fields: string[], filters: Record<string, unknown> = {}) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "tune_run",
    fields,
    filters,
    pagination: { take: 1, skip: 0, order: { created_at: "DESC" } },
  })
  const run = data[0] as Record<string, unknown> | undefined
  if (!run) return null
  return "result" in run ? { ...run, result: snakeKeys(run.result) } : run
}

export async function retrieveTuneRun(scope: MedusaContainer, id: string, fields: string[]) {
  const run = await refetchTuneRun(scope, fields, { id })
  if (!run) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Auto-tune with id: ${id} was not found`)
  return run
}
