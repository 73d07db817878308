/**
 * Load generator of the server benchmark, run as a forked child so that its own work never shows
 * in the server's event loop. Open loop: request i is due at start + i / rate whatever the answers
 * before it did, and its latency counts from when it was due, so a stalled server shows as waiting
 * time instead of as fewer requests (no coordinated omission). The first `warmupSeconds` are sent
 * at the same rate but not counted: this process is new, its connections are not open yet.
 */
import http from "http"

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
  const statuses: Record<string, number> = {}
  let errors = 0
  const start = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const counted = i >= warmup
    inFlight.push(
      get(urls[i % urls.length], headers).then(
        (status) => {
          if (!counted) return
          if (status === 200) latencies.push(performance.now() - due)
          else statuses[status] = (statuses[status] ?? 0) + 1
        },
        () => {
          if (counted) errors++
        }
      )
    )
  }
  await Promise.all(inFlight)
  return { sent: total - warmup, latencies, errors, statuses }
}

if (require.main === module) {
  process.once("message", async (request: LoadRequest) => {
    const result = await runLoad(request)
    process.send!(result, () => process.exit(0))
  })
}
