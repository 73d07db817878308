/**
 * `medusa-recs bench [--only NAME]`: the engine's timing and memory benchmarks, each printing its
 * figure lines with the goal beside them. In order: training (Online Retail, then the synthetic
 * scale runs), request, content, stages, small shops, latent factors against the hybrid, then the
 * plugin inside a running store; `--only` runs one of them (`scale` is the synthetic part
 * of `training` alone). Bench modules are loaded only when run.
 */
import { cpus, loadavg } from "os"

type Bench = (log: (line: string) => void) => Promise<void>

const BENCHES: Record<string, { module: string; fn: string }> = {
  training: { module: "../bench/training", fn: "benchTraining" },
  request: { module: "../bench/request", fn: "benchRequest" },
  content: { module: "../bench/content", fn: "benchContent" },
  stages: { module: "../bench/stages", fn: "benchStages" },
  scale: { module: "../bench/training", fn: "benchScale" },
  shops: { module: "../bench/shops", fn: "benchShops" },
  als: { module: "../bench/als", fn: "benchAls" },
  server: { module: "../bench/server", fn: "benchServer" },
}
const DEFAULT_ORDER = ["training", "request", "content", "stages", "shops", "als", "server"]

const USAGE = `Usage: medusa-recs bench [--only ${Object.keys(BENCHES).join("|")}]\n`

export function header(): string {
  const cpu = cpus()
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")
  return `bench: node ${process.version}, ${cpu[0]?.model?.trim() ?? "unknown cpu"}, ${cpu.length} cores, load average ${load}`
}

export async function main(argv: string[]): Promise<number> {
  let only: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--only") only = argv[++i]
    else if (arg.startsWith("--only=")) only = arg.slice("--only=".length)
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(USAGE)
      return 0
    } else {
      process.stderr.write(`medusa-recs bench: unknown argument "${arg}"\n${USAGE}`)
      return 2
    }
  }
  if (only !== undefined && !Object.prototype.hasOwnProperty.call(BENCHES, only)) {
    process.stderr.write(`medusa-recs bench: unknown bench "${only}"\n${USAGE}`)
    return 2
  }
  const log = (line: string) => process.stdout.write(line + "\n")
  log(header())
  let failed = 0
  for (const name of only ? [only] : DEFAULT_ORDER) {
    const { module, fn } = BENCHES[name]
    const started = process.hrtime.bigint()
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bench = (require(module) as Record<string, Bench>)[fn]
      if (typeof bench !== "function") throw new Error(`${module} exports no ${fn}()`)
      await bench(log)
    } catch (error) {
      failed++
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      process.stderr.write(`medusa-recs bench: ${name} failed: ${text}\n`)
    }
    log(`(${name}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`)
  }
  return failed ? 1 : 0
}
