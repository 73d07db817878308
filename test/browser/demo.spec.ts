/**
 * `npm run demo`'s runner (demo/run.ts) as a merchant runs it, on a smaller store (the newest 300
 * orders of Online Retail) in a database of its own: every step through the plugin's import
 * script to a serving store and storefront; in Chromium, the best seller's page shows what was
 * bought with it and a click is recorded; a second run reuses the import and the model.
 */
import { spawn, type ChildProcess } from "child_process"
import path from "path"
import { sql } from "../../demo/database"
import type { Browser } from "playwright-core"
import { deleteQueueKeys } from "../fixtures/redis"
import { freePort, launchChromium, until } from "./browser"

jest.setTimeout(600_000)

const REPO = path.resolve(__dirname, "../..")
const DATABASE = `medusa_recs_demo_test_${process.pid}`
const PG = "postgres://postgres@127.0.0.1:5432"
const QUEUE_PREFIX = `recs-demo-test-${process.pid}`

type Demo = { child: ChildProcess; output: () => string; ready: Promise<void> }

function startDemo(env: NodeJS.ProcessEnv): Demo {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "demo/run.ts", "--orders", "300"], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const ready = new Promise<void>((resolve, reject) => {
    const take = (d: Buffer) => {
      output += d
      if (output.includes("Ctrl-C stops the store.")) resolve()
    }
    child.stdout!.on("data", take)
    child.stderr!.on("data", take)
    child.once("exit", (code) => reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`)))
  })
  return { child, output: () => output, ready }
}

/** Ctrl-C: the demo stops its store and exits cleanly. */
function interrupt(demo: Demo): Promise<number | null> {
  return new Promise((resolve) => {
    if (demo.child.exitCode !== null) return resolve(demo.child.exitCode)
    demo.child.once("exit", (code) => resolve(code))
    demo.child.kill("SIGINT")
  })
}

/** One statement on the database `database` of the local server. */
const query = <T = Record<string, unknown>>(database: string, text: string, values: unknown[] = []) => sql<T>(`${PG}/${database}`, text, values)

let env: NodeJS.ProcessEnv
let browser: Browser
let first: Demo
let storefront: string

beforeAll(async () => {
  const [port, storefrontPort] = [await freePort(), await freePort()]
  storefront = `http://localhost:${storefrontPort}`
  env = {
    DATABASE_URL: `${PG}/${DATABASE}`,
    DEMO_PORT: String(port),
    DEMO_STOREFRONT_PORT: String(storefrontPort),
    DEMO_QUEUE_PREFIX: QUEUE_PREFIX,
  }
  first = startDemo(env)
  browser = await launchChromium()
  await first.ready
}, 600_000)

afterAll(async () => {
  await browser?.close()
  if (first) await interrupt(first)
  await query("postgres", `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
  await deleteQueueKeys(QUEUE_PREFIX)
})

it("goes from the dataset to a serving store: data, database, store setup, the import script with its training", async () => {
  const output = first.output()
  for (const step of [
    /✓ Online Retail as a shop's export \(products\.csv, orders\.csv\) \([\d.]+ s\): \d+ products, 300 orders, \d+ customers/,
    /✓ PostgreSQL \([\d.]+ s\): DATABASE_URL/,
    /✓ Database migrations/,
    /✓ Store setup: region, publishable key, customers/,
    /\d+ products created \(\d+ matched in all\), \d+ categories and \d+ tags created, \d+ purchases recorded, (\d+) of \1 customers matched/,
    /✓ History import \(the plugin's import-orders script\) and training/,
    /Ready in [\d.]+ min\./,
  ]) {
    expect(output).toMatch(step)
  }
  const [run] = await query<{ status: string; counts: { orders: number } }>(
    DATABASE,
    "SELECT status, counts FROM recommendation_training_run WHERE trigger = 'backfill'"
  )
  expect(run).toEqual(expect.objectContaining({ status: "succeeded" }))
  expect(run.counts.orders).toBe(300)
  const config = await (await fetch(`${storefront}/config.json`)).json()
  expect(config.customers).toHaveLength(8)
  expect(config.publishableKey).toMatch(/^pk_/)
})

it("serves the storefront: the best seller's page shows what was bought with it, and a click is recorded", async () => {
  const [best] = await query<{ product_id: string; title: string }>(
    DATABASE,
    `SELECT e.product_id, p.title FROM recommendation_interaction_event e JOIN product p ON p.id = e.product_id
     WHERE e.type = 'purchase' GROUP BY e.product_id, p.title ORDER BY count(*) DESC, e.product_id LIMIT 1`
  )
  const boughtWith = await query<{ title: string }>(
    DATABASE,
    `SELECT DISTINCT p.title FROM recommendation_interaction_event a
     JOIN recommendation_interaction_event b ON b.order_id = a.order_id AND b.product_id <> a.product_id AND b.type = 'purchase'
     JOIN product p ON p.id = b.product_id WHERE a.type = 'purchase' AND a.product_id = $1`,
    [best.product_id]
  )
  const page = await browser.newPage()
  await page.goto(`${storefront}/#/products/${best.product_id}`)
  await page.getByRole("heading", { name: best.title }).waitFor()
  const cards = page.getByTestId("widget-also_bought").getByTestId("rec-card")
  await cards.first().waitFor()
  // The blend may rank them by what sells now too, but what is shown was bought with it.
  const shown = await cards.locator(".card-title").allTextContents()
  const together = new Set(boughtWith.map((p) => p.title))
  expect(shown.filter((title) => together.has(title)).length).toBeGreaterThanOrEqual(Math.ceil(shown.length / 2))
  await cards.first().locator(".card-title").click()
  await page.waitForURL((url) => !url.hash.includes(best.product_id))
  const recorded = await until(
    () => query(DATABASE, "SELECT recommendation_id FROM recommendation_interaction_event WHERE type = 'click'"),
    (rows) => rows.length > 0
  )
  expect(recorded).toHaveLength(1)
  expect(recorded[0].recommendation_id).toMatch(/^rec/)
  await page.close()
})

it("reuses the import and the model on a second run", async () => {
  expect(await interrupt(first)).toBe(0)
  const second = startDemo(env)
  try {
    await second.ready
    expect(second.output()).toContain("✓ History import and training: done by an earlier run")
    const runs = await query(DATABASE, "SELECT id FROM recommendation_training_run WHERE trigger = 'backfill'")
    expect(runs).toHaveLength(1)
  } finally {
    expect(await interrupt(second)).toBe(0)
  }
})
