/**
 * A store serving the admin with the plugin loaded, for the browser tests: the dev store's
 * configuration (dev-store/medusa-config.ts, loading the plugin's build) in a scratch folder
 * under the git-ignored `.cache/`, with its own database, an admin user, a seed script's data,
 * its own training queue on the local Redis, the admin built once (rebuilt only when the
 * plugin's admin bundle changes) and `medusa start` in a child process. `stop()` removes the
 * database and the queue's keys.
 */
import { spawn, type ChildProcess } from "child_process"
import { createHash } from "crypto"
import fs from "fs"
import path from "path"
import Redis from "ioredis"
import { Client } from "pg"

const REPO = path.resolve(__dirname, "../..")
const ROOT = path.join(REPO, ".cache/browser-store")
const ADMIN_OUT = path.join(ROOT, "public/admin")
const MEDUSA = path.join(REPO, "node_modules/.bin/medusa")
const PG_URL = "postgres://postgres@localhost:5432"
const REDIS_URL = "redis://127.0.0.1:6379"

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

/** Runs a command in the scratch store; rejects with its output when it fails. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`medusa ${args.join(" ")} failed (${code}):\n${output}`))))
  })
}

function writeScratchStore() {
  fs.mkdirSync(path.join(ROOT, "node_modules"), { recursive: true })
  // The dev store's configuration, with trainings that follow changes within a second, no nightly
  // schedule, and a BullMQ queue of its own on the local Redis: trainings the seed script asks
  // for (in its own process) are run by the started store's worker.
  fs.writeFileSync(
    path.join(ROOT, "medusa-config.ts"),
    [
      "// Written by test/browser/admin-store.ts.",
      'import config from "../../dev-store/medusa-config"',
      "const options = {",
      `  redisUrl: "${REDIS_URL}",`,
      "  queuePrefix: process.env.BROWSER_QUEUE_PREFIX,",
      "  debounceMs: 500,",
      "  schedule: false,",
      "}",
      "export default {",
      "  ...config,",
      "  plugins: config.plugins!.map((p: any) => ({ ...p, options: { ...p.options, ...options } })),",
      "}",
      "",
    ].join("\n")
  )
  fs.writeFileSync(path.join(ROOT, "package.json"), JSON.stringify({ name: "browser-store", private: true, dependencies: { "@medusajs/medusa": "*" } }))
  // The admin bundler imports the plugin's extensions as `medusa-plugin-recommendations/admin`.
  const link = path.join(ROOT, "node_modules/medusa-plugin-recommendations")
  if (!fs.existsSync(link)) fs.symlinkSync(REPO, link, "dir")
}

/** Builds the admin unless the build in place was made from the same plugin admin bundle. */
async function buildAdmin(env: NodeJS.ProcessEnv) {
  const bundle = fs.readFileSync(path.join(REPO, ".medusa/server/src/admin/index.mjs"))
  const dashboard = require("@medusajs/dashboard/package.json").version
  const key = createHash("sha256").update(bundle).update(dashboard).digest("hex")
  const keyFile = path.join(ADMIN_OUT, ".build-key")
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) return
  const script = `require("@medusajs/admin-bundler").build(${JSON.stringify({
    disable: false,
    path: "/app",
    backendUrl: "/",
    storefrontUrl: "",
    sources: [],
    plugins: ["medusa-plugin-recommendations/admin"],
    outDir: ADMIN_OUT,
  })}).catch((e) => { console.error(e); process.exit(1) })`
  await new Promise<void>((resolve, reject) => {
    // NODE_PATH: the bundler finds the plugin from its own folder (as in a store's node_modules),
    // so Tailwind scans the plugin's classes.
    const child = spawn(process.execPath, ["-e", script], {
      cwd: ROOT,
      env: { ...env, NODE_PATH: path.join(ROOT, "node_modules") },
      stdio: ["ignore", "inherit", "inherit"],
    })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`admin build failed (${code})`))))
  })
  fs.writeFileSync(keyFile, key)
}

async function admin(sql: string) {
  const client = new Client({ connectionString: `${PG_URL}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** The test queue's keys, and only those (other stores share this Redis). */
async function deleteQueueKeys(prefix: string) {
  const redis = new Redis(REDIS_URL)
  try {
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500)
      if (keys.length) await redis.del(...keys)
      cursor = next
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
}

function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const check = async () => {
      if (child.exitCode !== null) return reject(new Error(`medusa start exited (${child.exitCode}):\n${output()}`))
      if (Date.now() > deadline) return reject(new Error(`medusa start not healthy in ${timeoutMs} ms:\n${output()}`))
      try {
        if ((await fetch(`${url}/health`)).ok) return resolve()
      } catch {
        // not listening yet
      }
      setTimeout(check, 250)
    }
    check()
  })
}

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
  writeScratchStore()
  const database = `medusa_recs_browser_${process.pid}_${Date.now()}`
  const queuePrefix = `recs-browser-${process.pid}-${Date.now()}`
  const databaseUrl = `${PG_URL}/${database}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // Not "development" (which serves the admin through vite) nor "production" (whose session cookie
    // is Secure, never set over plain http): the built admin, a session over http.
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    // Medusa's own Redis uses (sessions) stay in memory; the training queue has its own prefix.
    REDIS_URL: "",
    BROWSER_QUEUE_PREFIX: queuePrefix,
    PORT: String(port),
    LOG_LEVEL: "error",
    ...(withAdmin ? {} : { DISABLE_MEDUSA_ADMIN: "true" }),
    ...extraEnv,
  }
  delete env.NODE_OPTIONS
  await admin(`CREATE DATABASE "${database}"`)
  const dropDatabase = () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  const cleanUp = () => Promise.all([dropDatabase(), deleteQueueKeys(queuePrefix)])
  let child: ChildProcess | undefined
  try {
    const [, seedOutput] = await Promise.all([
      withAdmin && buildAdmin(env),
      run(["db:migrate"], env)
        .then(() => run(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env))
        .then(() => run(["exec", path.resolve(seedScript)], env)),
    ])
    const json = seedOutput.split("\n").filter((line) => line.startsWith("{")).pop()
    if (!json) throw new Error(`the seed script printed no JSON:\n${seedOutput}`)
    let output = ""
    child = spawn(MEDUSA, ["start"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    child.stdout!.on("data", (d) => (output += d))
    child.stderr!.on("data", (d) => (output += d))
    const url = `http://localhost:${port}`
    await waitForHealth(url, child, () => output, 120_000)
    const started = child
    return {
      url,
      seeded: JSON.parse(json) as Seeded,
      databaseUrl,
      stop: async () => {
        await new Promise<void>((resolve) => {
          started.once("exit", () => resolve())
          started.kill("SIGTERM")
        })
        await cleanUp()
      },
    }
  } catch (error) {
    child?.kill("SIGKILL")
    await cleanUp()
    throw error
  }
}
