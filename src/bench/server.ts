/**
 * Server benchmark: the plugin inside a running Medusa store (the development store,
 * dev-store/medusa-config.ts, booted in this process the way `medusa develop` boots it, with its
 * HTTP server listening), holding all of Online Retail: 3,958 products created through Medusa's
 * workflow and 20k orders of purchase events (src/import), seeded by a process of its own
 * (seed-child.ts) before this one boots. It measures, in one run:
 * - the largest event-loop delay of this HTTP process while a manual training of Online Retail
 *   runs (in its own process) and the new model is loaded and swapped in (goal < 20 ms);
 * - the also-bought route without hydration at 500 requests/s from a separate load process
 *   (goal p99 < 10 ms);
 * - the hydrated route against Medusa's own `GET /store/products?id[]=...` for the same ids and
 *   fields, alternating, as a ratio of medians (goal <= 1.3).
 * The store's database (`medusa_recs_bench`, or RECS_BENCH_DB) is kept between runs: products
 * already there are not created again and events already there are not recorded twice (drop the
 * database to start over).
 */
import "./server-env"
import { fork, spawnSync } from "child_process"
import { existsSync } from "fs"
import path from "path"
import { PerformanceObserver, monitorEventLoopDelay, performance as hooks } from "perf_hooks"
import express from "express"
import { knex } from "@medusajs/framework/mikro-orm/knex"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { devStore, loadDevStore, packageRoot } from "./dev-store"
import type { LoadRequest, LoadResult } from "./load-child"
import type { SeedMessage } from "./seed-child"

const RATE = 500
/** Rates stepped through, the goal's last. */
const RATES = [100, 200, 300, 400, RATE]
const LOAD_SECONDS = 5
/** Sent before each step's measured seconds, not counted (the rate just changed; connections may open). */
const WARMUP_SECONDS = 1
const RATIO_SEEDS = 100
const GOALS = { delayMs: 20, p99Ms: 10, ratio: 1.3 }

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5)
const ms = (x: number) => x.toFixed(2)

async function ensureDatabase(name: string, log: (line: string) => void): Promise<string> {
  const admin = knex({ client: "pg", connection: "postgres://postgres@127.0.0.1:5432/postgres" })
  try {
    const { rows } = await admin.raw("SELECT 1 FROM pg_database WHERE datname = ?", [name])
    if (!rows.length) await admin.raw(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.destroy()
  }
  const url = `postgres://postgres@127.0.0.1:5432/${name}`
  const started = Date.now()
  const migrate = spawnSync(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "db:migrate"], {
    cwd: devStore,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" },
    encoding: "utf8",
  })
  if (migrate.status !== 0) throw new Error(`db:migrate failed: ${migrate.stderr || migrate.stdout}`)
  log(`  database ${name}: migrated in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return url
}

type Store = { container: MedusaContainer; port: number; close: () => Promise<void>; handled: number[] }

async function bootStore(): Promise<Store> {
  const app = express()
  // Each request's time inside this process, from its first middleware to its last byte written:
  // a client-side wait that is not here was spent in the network, the kernel or the client.
  const handled: number[] = []
  app.use((_req, res, next) => {
    const started = performance.now()
    res.once("finish", () => handled.push(performance.now() - started))
    next()
  })
  const { container, shutdown } = await loadDevStore(app)
  const server = await new Promise<import("http").Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  const port = (server.address() as import("net").AddressInfo).port
  return {
    container,
    port,
    handled,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await shutdown()
    },
  }
}

/** Seeds the store in its own process (see seed-child.ts). */
function runSeedChild(log: (line: string) => void): Promise<Extract<SeedMessage, { seeded: unknown }>["seeded"]> {
  const file = path.join(__dirname, `seed-child${path.extname(__filename)}`)
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { stdio: "inherit" })
    child.on("message", (message: SeedMessage) => ("log" in message ? log(message.log) : resolve(message.seeded)))
    child.once("error", reject)
    child.once("exit", (code) => code && reject(new Error(`seeding exited with ${code}`)))
  })
}

/** The load generator, one process for all steps (see load-child.ts). */
function startLoadChild() {
  const child = fork(path.join(__dirname, `load-child${path.extname(__filename)}`), [], { stdio: "inherit" })
  return {
    run: (request: LoadRequest) =>
      new Promise<LoadResult>((resolve, reject) => {
        const failed = (code: number | null) => reject(new Error(`load generator exited with ${code}`))
        child.once("exit", failed)
        child.once("message", (result) => {
          child.removeListener("exit", failed)
          resolve(result as LoadResult)
        })
        child.send(request)
      }),
    stop: () => child.disconnect(),
  }
}

/** Garbage collections of this process (start and duration, ms), to tell their pauses from ours. */
const collections: { start: number; duration: number }[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration })
}).observe({ entryTypes: ["gc"] })

/** The event loop's delay over a window, with the longest garbage collection in it. */
function delayWindow() {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  let from = 0
  let to = Infinity
  return {
    start() {
      from = performance.now()
      histogram.enable()
    },
    stop() {
      to = performance.now()
      histogram.disable()
    },
    line() {
      const gc = collections.filter((c) => c.start >= from && c.start <= to).reduce((max, c) => Math.max(max, c.duration), 0)
      return `max ${ms(histogram.max / 1e6)} ms, p99 ${ms(histogram.percentile(99) / 1e6)} ms, longest GC ${ms(gc)} ms`
    },
  }
}

/** The database pool while a step runs: most connections in use and most requests waiting for one. */
function poolWatch(container: MedusaContainer) {
  const pool = container.resolve(ContainerRegistrationKeys.PG_CONNECTION).client.pool
  let used = 0
  let waiting = 0
  const timer = setInterval(() => {
    used = Math.max(used, pool.numUsed())
    waiting = Math.max(waiting, pool.numPendingAcquires())
  }, 5)
  return {
    line() {
      clearInterval(timer)
      return `database pool: at most ${used} of ${pool.max} connections in use, ${waiting} waiting`
    },
  }
}

async function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; body: any }> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.json()
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`)
  return { ms: performance.now() - started, body }
}

export async function benchServer(log: (line: string) => void): Promise<void> {
  const dbName = process.env.RECS_BENCH_DB || "medusa_recs_bench"
  const redis = process.env.REDIS_URL
  log(
    `server: Online Retail in the development store; queue ${redis ? "BullMQ on " + redis : "in process (no REDIS_URL)"}; ` +
      `Medusa Cache ${process.env.MEDUSA_FF_CACHING === "true" ? (redis ? "on Redis" : "in memory") : "off"}`
  )
  process.env.DATABASE_URL = await ensureDatabase(dbName, log)
  if (!existsSync(path.join(packageRoot, ".medusa/server/src"))) throw new Error("run `npm run build` first")

  const seeded = await runSeedChild(log)
  log(
    `  seeded (in its own process): ${seeded.productsCreated} products created, ${seeded.purchasesRecorded} purchase events recorded ` +
      `(${seeded.productIds.length} products in the store) in ${seeded.seconds.toFixed(1)} s`
  )
  const { token, regionId } = seeded
  const store = await bootStore()
  try {
    const { container, port } = store
    const recommendations = container.resolve<any>("recommendations")
    const base = `http://127.0.0.1:${port}`
    const headers = { "x-publishable-api-key": token }
    const seeds = seeded.productIds
    const alsoBought = (id: string, extra = "") =>
      `${base}/store/products/${id}/recommendations?surface=also_bought&limit=10${extra}`

    // Training: a manual run while this process serves a trickle of requests, then the swap to
    // the new version (loaded here, in the HTTP process); one delay histogram for each part.
    const during = delayWindow()
    const swap = delayWindow()
    const before = (await recommendations.listModelVersions({})).find((v: { is_current: boolean }) => v.is_current)
    // The same trickle with no training first: what the loop's delay is anyway (GC, the requests).
    const idle = delayWindow()
    let trickle = 0
    const trickleRequest = () => fetch(alsoBought(seeds[trickle++ % seeds.length], "&hydrate=false"), { headers }).then((r) => r.arrayBuffer())
    // A process's first requests compile their code paths (tens of milliseconds, once): answered
    // before any window, as a store that has been up a while would have.
    for (let i = 0; i < 50; i++) await trickleRequest()
    // The training run is read twice a second (the admin page polls less often than that), so
    // the windows measure the server rather than this loop's own queries.
    let tick = 0
    const everyHalfSecond = () => ++tick % 5 === 0
    idle.start()
    for (const until = Date.now() + 8_000; Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      await trickleRequest()
      if (everyHalfSecond()) await recommendations.listTrainingRuns({}, { take: 1 })
    }
    idle.stop()
    const started = Date.now()
    during.start()
    const { jobId } = await recommendations.requestTraining("manual")
    let run: any
    while (!run || !["succeeded", "failed"].includes(run.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      await trickleRequest()
      if (everyHalfSecond()) [run] = await recommendations.listTrainingRuns({ job_id: jobId })
    }
    during.stop()
    if (run.status !== "succeeded") throw new Error(`training failed: ${run.error}`)
    const trainedIn = (Date.now() - started) / 1000
    const { version } = (await recommendations.listModelVersions({ id: run.model_version_id }))[0]
    swap.start()
    const swapDeadline = Date.now() + 15_000
    let swapped = false
    while (!swapped && Date.now() < swapDeadline) {
      await trickleRequest()
      await new Promise((resolve) => setTimeout(resolve, 100))
      swapped = (await recommendations.getServingSnapshot()).catalogue.version === version
    }
    swap.stop()
    const stages = Object.entries(run.timings ?? {})
      .map(([stage, seconds]) => `${stage} ${(seconds as number).toFixed(2)}`)
      .join(", ")
    log(
      `  training (manual, ${run.counts?.lines ?? "?"} lines): ${trainedIn.toFixed(1)} s (${stages}); previous version ${before ? before.version : "none"}; ` +
        `new version ${version} ${swapped ? "serving" : "not serving within 15 s"}`
    )
    log(
      `  event-loop delay of the HTTP process (10 requests/s meanwhile): idle ${idle.line()}; while training ${during.line()}; ` +
        `while swapping in the new version ${swap.line()} (goal max < ${GOALS.delayMs} ms)`
    )

    // Open-loop load from another process, stepping the rate up to the goal's.
    const urls = Array.from({ length: 2000 }, (_, i) => alsoBought(seeds[(i * 7919) % seeds.length], "&hydrate=false"))
    for (const url of urls.slice(0, 200)) await fetch(url, { headers }).then((r) => r.arrayBuffer())
    const loadChild = startLoadChild()
    for (const rate of RATES) {
      // Where a slow answer waited: in the server's handlers, in its loop (one long task, or a loop
      // busy all the time: its utilisation), for a database connection, or in the load process.
      const loop = delayWindow()
      loop.start()
      store.handled.length = 0
      const pool = poolWatch(container)
      const utilisation = hooks.eventLoopUtilization()
      const load = await loadChild.run({ urls, headers, ratePerSecond: rate, seconds: LOAD_SECONDS, warmupSeconds: WARMUP_SECONDS })
      const busy = hooks.eventLoopUtilization(utilisation).utilization
      loop.stop()
      const sorted = load.latencies.sort((a, b) => a - b)
      const inServer = store.handled.sort((a, b) => a - b)
      const sentLate = load.sentLate.sort((a, b) => a - b)
      log(
        `  also_bought, hydrate=false, ${rate} req/s for ${LOAD_SECONDS} s (after ${WARMUP_SECONDS} s uncounted): p50 ${ms(quantile(sorted, 0.5))} ms, p99 ${ms(quantile(sorted, 0.99))} ms, ` +
          `max ${ms(sorted[sorted.length - 1])} ms; ${load.sent} sent, ${load.latencies.length} ok, ${load.errors} errors ` +
          `${JSON.stringify(load.statuses)}; in the server p99 ${ms(quantile(inServer, 0.99))} ms, max ${ms(inServer[inServer.length - 1])} ms; ` +
          `server loop ${loop.line()}, busy ${(busy * 100).toFixed(0)} %; ${pool.line()}; load process loop max ${ms(load.loopMaxMs)} ms, sent late p99 ${ms(quantile(sentLate, 0.99))} ms, max ${ms(sentLate[sentLate.length - 1])} ms` +
          `${rate === RATE ? ` (goal p99 < ${GOALS.p99Ms} ms)` : ""}`
      )
    }
    loadChild.stop()

    // Hydrated route vs Medusa's own list of the same products, same fields and region.
    const ours: number[] = []
    const theirs: number[] = []
    for (let i = 0; i < RATIO_SEEDS + 10; i++) {
      const seed = seeds[(i * 104729) % seeds.length]
      const hydrated = await timedGet(alsoBought(seed, `&region_id=${regionId}`), headers)
      const ids: string[] = hydrated.body.products.map((p: { id: string }) => p.id)
      if (!ids.length) continue
      const own = await timedGet(`${base}/store/products?region_id=${regionId}&limit=${ids.length}&${ids.map((id) => `id[]=${id}`).join("&")}`, headers)
      if (i < 10) continue // warm-up
      ours.push(hydrated.ms)
      theirs.push(own.ms)
    }
    const ratio = median(ours) / median(theirs)
    log(
      `  hydrated also_bought / GET /store/products (same ids, region): median ${ms(median(ours))} / ${ms(median(theirs))} ms = ${ratio.toFixed(2)} ` +
        `over ${ours.length} seeds (goal <= ${GOALS.ratio})`
    )
  } finally {
    await store.close()
  }
}
