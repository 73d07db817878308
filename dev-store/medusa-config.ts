/**
 * Development store: a Medusa application that loads this plugin the way a merchant's store
 * does, from its build output (`.medusa/server/src`, made by `npm run build`).
 *
 * It lives in its own folder because Medusa also loads `<store root>/src` as the application's
 * own code: a store rooted at the plugin's folder would load every route, subscriber, job and
 * workflow twice (once from `src`, once from the build).
 *
 * The integration tests boot this same configuration (`test/integration`), with their own
 * database. By hand, from this folder: `createdb -h 127.0.0.1 -U postgres medusa_recs`, then
 * `npm run migrate` and `npm run dev` (which first links `node_modules/medusa-plugin-recommendations`
 * to the plugin, so the admin bundler finds `medusa-plugin-recommendations/admin` as in a store).
 */
import path from "path"
import { defineConfig } from "@medusajs/framework/utils"
import type { RecommendationsPluginOptions } from "../src/types/options"

process.env.MEDUSA_DISABLE_TELEMETRY ??= "true"

const redisUrl = process.env.REDIS_URL || undefined
const numberFromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined)

// The training queue uses the store's redisUrl (none: the in-process queue). The environment lets
// a test or a demo point the queue elsewhere (a Redis of its own while sessions stay in memory),
// shorten its delays, drop the nightly schedule or swap the training entry.
const pluginOptions: RecommendationsPluginOptions = {
  redisUrl: process.env.RECOMMENDATIONS_REDIS_URL || undefined,
  schedule: process.env.RECOMMENDATIONS_SCHEDULE === "off" ? false : undefined,
  queuePrefix: process.env.RECOMMENDATIONS_QUEUE_PREFIX || undefined,
  debounceMs: numberFromEnv("RECOMMENDATIONS_DEBOUNCE_MS"),
  trainingEntry: process.env.RECOMMENDATIONS_TRAINING_ENTRY || undefined,
  importHistory: process.env.RECOMMENDATIONS_IMPORT_HISTORY !== "false",
}

const caching = process.env.MEDUSA_FF_CACHING === "true"
const cachingOptions = redisUrl
  ? { providers: [{ resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } }] }
  : { in_memory: { enable: true } }

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/medusa_recs",
    redisUrl,
    // CORS: Medusa's defaults, or STORE_CORS / ADMIN_CORS / AUTH_CORS.
    http: {
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  // DISABLE_MEDUSA_ADMIN=true (as in Medusa's starter): no admin bundle, e.g. for benchmarks.
  admin: { disable: process.env.DISABLE_MEDUSA_ADMIN === "true" },
  // An absolute path: Medusa resolves `<resolve>/package.json` and loads `.medusa/server/src`.
  // The plugin's module (`recommendations`, with its migrations) is registered from
  // `.medusa/server/src/modules/` with these same options: no `modules` entry is needed.
  plugins: [{ resolve: path.resolve(__dirname, ".."), options: pluginOptions }],
  // Medusa Cache (its `caching` feature flag: MEDUSA_FF_CACHING=true), as Medusa recommends in
  // production: publishable keys, regions and prices are read through the Caching Module instead of
  // the database on every request. On the store's Redis when it has one, else in memory.
  modules: caching ? [{ resolve: "@medusajs/medusa/caching", options: cachingOptions }] : [],
})
