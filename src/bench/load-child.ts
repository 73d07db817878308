/**
 * Load generator of the server benchmark, run as a forked child so that its own work never shows
 * in the server's event loop. Open loop: request i is due at start + i / rate whatever the answers
 * before it did, and its latency counts from when it was due, so a stalled server shows as waiting
 * time instead of as fewer requests (no coordinated omission). The first `warmupSeconds` of each
 * step are sent at the step's rate but not counted: the rate just changed, connections may open.
 */
import http from "http"
import { monitorEventLoopDelay } from "perf_hooks"

export type LoadRequest = {
  urls: string[]
  headers: Record<string, string>
  ratePerSecond: number
  seconds: number
  warmupSeconds: number
}

export type LoadResult = {
  sent: number
  /** Milliseconds from due time to the last byte, of the answered requests. */
  latencies: number[]
  errors: number
  /** Status codes other than 200, with counts. */
  statuses: Record<string, number>
  /** This process's longest event-loop delay: time a late answer may have waited here. */
  loopMaxMs: number
  /** How late each counted request left this process (ms): lateness counts in latencies too. */
  sentLate: number[]
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      response.on("data", () => undefined)
      response.on("end", () => resolve(response.statusCode ?? 0))
    })
    request.on("error", reject)
  })
}

export async function runLoad({ urls, headers, ratePerSecond, seconds, warmupSeconds }: LoadRequest): Promise<LoadResult> {
  const warmup = Math.round(ratePerSecond * warmupSeconds)
  const total = warmup + Math.round(ratePerSecond * seconds)
  const latencies: number[] = []
  const sentLate: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  const loop = monitorEventLoopDelay({ resolution: 1 })
  loop.enable()
  const start = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const counted = i >= warmup
    // A request sent up to 1 ms early counts from when it left; a late one from when it was due.
    const sent = performance.now()
    const from = Math.min(due, sent)
    if (counted) sentLate.push(sent - due)
    inFlight.push(
      get(urls[i % urls.length], headers).then(
        (status) => {
          if (!counted) return
          if (status === 200) latencies.push(performance.now() - from)
          else statuses[status] = (statuses[status] ?? 0) + 1
        },
        () => {
          if (counted) errors++
        }
      )
    )
  }
  await Promise.all(inFlight)
  loop.disable()
  return { sent: total - warmup, latencies, errors, statuses, loopMaxMs: loop.max / 1e6, sentLate }
}

if (require.main === module) {
  // One process for every step: its start and its first connections stay out of the windows.
  process.on("message", async (request: LoadRequest) => process.send!(await runLoad(request)))
  process.once("disconnect", () => process.exit(0))
}
