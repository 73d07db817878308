/**
 * `npm run demo`: a Medusa store with the plugin, seeded from UCI Online Retail, trained and
 * serving, with the admin and a storefront page. Everything lives under `.cache/demo/` (git
 * ignores it); a second run reuses the data, the database's content, the admin build and the
 * model, and starts in seconds.
 *
 *   npm run demo [-- --orders N]   N: only the newest N orders and their products (a smaller store)
 *
 * Ports: DEMO_PORT (9000) for Medusa, DEMO_STOREFRONT_PORT (8000) for the storefront page;
 * DEMO_QUEUE_PREFIX: the training queue's Redis prefix (default recs-demo).
 */
import fs from "fs"
import path from "path"
import { prepareDemoData } from "./catalogue"
import { DEMO_DATABASE, demoDatabase, demoRedis, sql } from "./database"
import { step } from "./progress"
import { SETUP_LINE, type DemoSetup } from "./setup"
import { REPO, buildAdmin, medusa, startStore, storeEnv, writeStore } from "./store"
import { buildStorefront, serveStorefront } from "./storefront"

const ROOT = path.join(REPO, ".cache/demo")
const STORE = path.join(ROOT, "store")
const DATASET = process.env.DEMO_DATASET || path.join(REPO, "../shared/datasets/online-retail.csv.gz")
export const ADMIN_EMAIL = "admin@example.com"
export const ADMIN_PASSWORD = "recommend-me"
const QUEUE_PREFIX = "recs-demo"

const port = Number(process.env.DEMO_PORT || 9000)
const storefrontPort = Number(process.env.DEMO_STOREFRONT_PORT || 8000)

function parseArgs(argv: string[]): { orders?: number } {
  const i = argv.indexOf("--orders")
  if (i < 0) return {}
  const orders = Number(argv[i + 1])
  if (!Number.isInteger(orders) || orders < 1) throw new Error(`--orders needs a positive whole number, got "${argv[i + 1] ?? ""}"`)
  return { orders }
}

/** True when an earlier run imported the history and trained on it. */
async function imported(databaseUrl: string): Promise<boolean> {
  const rows = await sql(
    databaseUrl,
    "SELECT 1 FROM recommendation_training_run WHERE trigger = 'backfill' AND status = 'succeeded' AND deleted_at IS NULL LIMIT 1"
  )
  return rows.length > 0
}

export async function runDemo(argv: string[]) {
  const { orders } = parseArgs(argv)
  const since = Date.now()
  if (!fs.existsSync(path.join(REPO, ".medusa/server/src"))) throw new Error("the plugin is not built: run `npm run build` (npm run demo does)")
  // A smaller store keeps its own data folder, database and queue.
  const suffix = orders ? `-${orders}` : ""

  if (!fs.existsSync(DATASET) && !fs.existsSync(path.join(ROOT, `data${suffix}`, "customers.json"))) {
    throw new Error(
      `Online Retail not found at ${DATASET}: set DEMO_DATASET to the UCI Online Retail file (.csv, .csv.gz or the original as CSV; https://archive.ics.uci.edu/dataset/352/online+retail)`
    )
  }
  const data = await step(
    "Online Retail as a shop's export (products.csv, orders.csv)",
    async () => prepareDemoData(DATASET, path.join(ROOT, `data${suffix}`), orders),
    (d) => `${d.products} products, ${d.orders} orders, ${d.customers.length} customers`
  )
  const database = await step("PostgreSQL", async (s) => demoDatabase(path.join(ROOT, "postgres"), s.note, DEMO_DATABASE + suffix.replace("-", "_")), (d) => d.where)
  const redis = await demoRedis()
  process.stdout.write(
    redis ? `✓ Redis: ${redis} (trainings run as BullMQ jobs)\n` : "✓ Redis: none found, trainings run on the in-process queue\n"
  )

  writeStore(STORE)
  const storefrontOrigin = `http://localhost:${storefrontPort}`
  const env = storeEnv({
    DATABASE_URL: database.url,
    // Sessions stay in memory; Redis, when there is one, carries the training queue.
    REDIS_URL: "",
    RECOMMENDATIONS_REDIS_URL: redis ?? "",
    RECOMMENDATIONS_QUEUE_PREFIX: process.env.DEMO_QUEUE_PREFIX || QUEUE_PREFIX + suffix,
    STORE_CORS: `${storefrontOrigin},http://127.0.0.1:${storefrontPort}`,
    AUTH_CORS: `http://localhost:${port},${storefrontOrigin},http://127.0.0.1:${storefrontPort}`,
    ADMIN_CORS: `http://localhost:${port}`,
    LOG_LEVEL: "info",
  })

  const admin = step("Admin build", () => buildAdmin(STORE, env))
  const storefront = admin.then(() => step("Storefront build", () => buildStorefront(path.join(ROOT, "storefront"))))
  const seeded = (async (): Promise<DemoSetup> => {
    await step("Database migrations", () => medusa(STORE, ["db:migrate"], env))
    await medusa(STORE, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env).catch((error: Error) => {
      if (!/already exists/i.test(error.message)) throw error
    })
    const setup = await step(
      "Store setup: region, publishable key, customers",
      async (s) => {
        const output = await medusa(STORE, ["exec", path.join(REPO, "demo/seed.ts"), data.dir], env, (line) => {
          const m = /^customers (\d+)\/(\d+)/.exec(line)
          if (m) s.progress("customers", Number(m[1]), Number(m[2]))
        })
        const line = output.split("\n").find((l) => l.startsWith(SETUP_LINE))
        if (!line) throw new Error(`the store setup printed no result:\n${output.slice(-2000)}`)
        return JSON.parse(line.slice(SETUP_LINE.length)) as DemoSetup
      },
      () => `${data.customers.length} customers`
    )
    if (await imported(database.url)) {
      process.stdout.write("✓ History import and training: done by an earlier run\n")
      return setup
    }
    await step("History import (the plugin's import-orders script) and training", async (s) => {
      const script = path.join(REPO, ".medusa/server/src/scripts/import-orders.js")
      await medusa(STORE, ["exec", script, data.dir], env, (line) => {
        const counted = /import-orders: (products|orders) (\d+)\/(\d+)/.exec(line)
        if (counted) return s.progress(counted[1], Number(counted[2]), Number(counted[3]))
        const training = /import-orders: training (\w+)(?: \(([^)]*)\))? (\d+)%/.exec(line)
        if (training) return s.progress(`training`, Number(training[3]), 100)
        const summary = /import-orders: (\d+ products created.*)/.exec(line)
        if (summary) s.note(summary[1])
      })
    })
    return setup
  })()

  const [setup] = await Promise.all([seeded, admin, storefront])
  const store = await step(`Medusa on port ${port}`, () => startStore(STORE, env, port), (s) => s.url)
  const page = await serveStorefront({
    dir: path.join(ROOT, "storefront"),
    port: storefrontPort,
    config: { backendUrl: store.url, publishableKey: setup.publishableKey, regionId: setup.regionId, customers: setup.shoppers },
  })
  const minutes = ((Date.now() - since) / 60_000).toFixed(1)
  process.stdout.write(
    [
      "",
      `Ready in ${minutes} min.`,
      `  Storefront   ${page.url}`,
      `  Admin        ${store.url}/app   (${ADMIN_EMAIL} / ${ADMIN_PASSWORD}; Recommendations in the sidebar)`,
      `  Store API    ${store.url}/store/products/{id}/recommendations   x-publishable-api-key: ${setup.publishableKey}`,
      `  Shoppers     ${setup.shoppers.map((s) => s.email).slice(0, 3).join(", ")}, … (password ${setup.shoppers[0]?.password})`,
      "Ctrl-C stops the store.",
      "",
    ].join("\n")
  )
  let stopping = false
  const stop = async () => {
    stopping = true
    await Promise.allSettled([page.close(), store.stop()])
    await database.stop()
    process.exit(0)
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  store.child.once("exit", async (code) => {
    if (stopping) return
    process.stderr.write(`medusa start exited (${code})\n`)
    await page.close()
    await database.stop()
    process.exit(1)
  })
}

if (require.main === module) {
  runDemo(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
