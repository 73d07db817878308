/**
 * A store serving the admin with the plugin loaded, for the browser tests: demo/store.ts's store
 * folder under `.cache/browser-store` with its own database, an admin user, a seed script's
 * data, its own training queue on the local Redis (trainings follow changes within a second, no
 * nightly schedule) and `medusa start` in a child process. `stop()` removes the database and
 * the queue's keys.
 */
import path from "path"
import { sql } from "../../demo/database"
import { REDIS_URL, deleteQueueKeys } from "../fixtures/redis"
import { REPO, buildAdmin, medusa, startStore, storeEnv, writeStore, type RunningStore } from "../../demo/store"

const ROOT = path.join(REPO, ".cache/browser-store")
const PG_URL = "postgres://postgres@localhost:5432"

export const ADMIN_EMAIL = "admin@example.com"
export const ADMIN_PASSWORD = "browser-test-password"

export type AdminStore<Seeded> = {
  url: string
  /** What the seed script printed as JSON on its last JSON line. */
  seeded: Seeded
  /** The store's own database, for tests that check what was stored. */
  databaseUrl: string
  stop: () => Promise<void>
}

const admin = (text: string) => sql(`${PG_URL}/postgres`, text)

/**
 * `seedScript` runs with `medusa exec` before the store starts, so the first start sees its data.
 * `env` adds to the store's environment, e.g. STORE_CORS and AUTH_CORS for a storefront's origin;
 * `admin: false` serves no admin (nor builds it, which another test file may be doing at once).
 */
export async function startAdminStore<Seeded>(
  seedScript: string,
  {
    port = 9100 + (process.pid % 500),
    env: extraEnv = {},
    admin: withAdmin = true,
  }: { port?: number; env?: NodeJS.ProcessEnv; admin?: boolean } = {}
): Promise<AdminStore<Seeded>> {
  writeStore(ROOT)
  const database = `medusa_recs_browser_${process.pid}_${Date.now()}`
  const queuePrefix = `recs-browser-${process.pid}-${Date.now()}`
  const databaseUrl = `${PG_URL}/${database}`
  const env = storeEnv({
    DATABASE_URL: databaseUrl,
    // Medusa's own Redis uses (sessions) stay in memory; the training queue has its own Redis
    // prefix: trainings the seed script asks for (in its own process) are run by the started
    // store's worker.
    REDIS_URL: "",
    RECOMMENDATIONS_REDIS_URL: REDIS_URL,
    RECOMMENDATIONS_QUEUE_PREFIX: queuePrefix,
    RECOMMENDATIONS_DEBOUNCE_MS: "500",
    RECOMMENDATIONS_SCHEDULE: "off",
    LOG_LEVEL: "error",
    ...(withAdmin ? {} : { DISABLE_MEDUSA_ADMIN: "true" }),
    ...extraEnv,
  })
  await admin(`CREATE DATABASE "${database}"`)
  const dropDatabase = () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  const cleanUp = () => Promise.all([dropDatabase(), deleteQueueKeys(queuePrefix)])
  let store: RunningStore | undefined
  try {
    const [, seedOutput] = await Promise.all([
      withAdmin && buildAdmin(ROOT, env),
      medusa(ROOT, ["db:migrate"], env)
        .then(() => medusa(ROOT, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env))
        .then(() => medusa(ROOT, ["exec", path.resolve(seedScript)], env)),
    ])
    const json = seedOutput.split("\n").filter((line) => line.startsWith("{")).pop()
    if (!json) throw new Error(`the seed script printed no JSON:\n${seedOutput}`)
    store = await startStore(ROOT, env, port)
    const started = store
    return {
      url: store.url,
      seeded: JSON.parse(json) as Seeded,
      databaseUrl,
      stop: async () => {
        await started.stop()
        await cleanUp()
      },
    }
  } catch (error) {
    store?.child.kill("SIGKILL")
    await cleanUp()
    throw error
  }
}
