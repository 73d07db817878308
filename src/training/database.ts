/**
 * The training process's own connection to the store's database, opened from the arguments the
 * server hands it, the way Medusa opens its shared connection (pgConnectionLoader): same schema,
 * driver options and pool options, `ssl_mode` (which pg does not read) taken out of the URL.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import type { TrainingEntryArgs } from "./types"

/**
 * A run reads through one connection (its snapshot) while another records progress; a third
 * leaves room for the model's write to overlap a late progress report.
 */
const POOL_MAX = 3

export function trainingArgs(args: unknown): TrainingEntryArgs {
  const value = (args ?? {}) as Partial<TrainingEntryArgs>
  if (typeof value.databaseUrl !== "string" || !value.databaseUrl) {
    throw new Error("Training needs the store's database: the queue's entryArgs.databaseUrl is missing")
  }
  if (value.databaseSchema !== undefined && typeof value.databaseSchema !== "string") {
    throw new Error("entryArgs.databaseSchema must be a string")
  }
  if (value.databaseDriverOptions !== undefined && (typeof value.databaseDriverOptions !== "object" || value.databaseDriverOptions === null)) {
    throw new Error("entryArgs.databaseDriverOptions must be an object")
  }
  return value as TrainingEntryArgs
}

export function openTrainingDatabase(args: TrainingEntryArgs): Knex {
  const { pool, ...driverOptions } = (args.databaseDriverOptions ?? {}) as Record<string, unknown> & {
    pool?: Record<string, unknown>
  }
  return ModulesSdkUtils.createPgConnection({
    clientUrl: args.databaseUrl.replace(/(\?|&)ssl_mode=[^&]*(&|$)/gi, (_m, prefix: string, suffix: string) =>
      prefix === "?" ? (suffix === "&" ? "?" : "") : suffix
    ),
    schema: args.databaseSchema || "public",
    driverOptions,
    // A connection that cannot be made fails the run at once (a missing database, a wrong
    // password) instead of waiting out the pool's acquire timeout.
    pool: { ...pool, min: 0, max: POOL_MAX, propagateCreateError: true },
  }) as unknown as Knex
}
