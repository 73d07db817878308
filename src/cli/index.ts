/**
 * Entry point of the `medusa-recs` command line (bin/medusa-recs.js loads the built copy).
 *
 * Each subcommand lives in its own module next to this file and is required only when it is
 * chosen, so `--help` and every command start without loading Medusa or the other commands.
 * A subcommand module exports `main(args: string[]): void | number | Promise<void | number>`,
 * where `args` are the arguments after the command name; a returned number is the exit code.
 */

type CommandModule = { main(args: string[]): void | number | Promise<void | number> }

const COMMANDS: Record<string, { module: string; usage: string; summary: string }> = {
  evaluate: {
    module: "./evaluate",
    usage: "evaluate DIR [--test-fraction 0.1] [--k 10] [--json]",
    summary: "offline evaluation of the recommenders on a converted dataset",
  },
  bench: {
    module: "./bench",
    usage: "bench [--only NAME]",
    summary: "timing and memory benchmarks of the engine",
  },
  "convert-online-retail": {
    module: "./convert-online-retail",
    usage: "convert-online-retail [--input FILE] [--out DIR]",
    summary: "convert the UCI Online Retail CSV into the dataset format",
  },
}

export function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length))
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)
  return ["Usage: medusa-recs <command> [options]", "", "Commands:", ...lines, ""].join("\n")
}

function loadCommand(name: string, path: string): CommandModule | undefined {
  try {
    require.resolve(path)
  } catch {
    process.stderr.write(`medusa-recs: the command "${name}" is not part of this build\n`)
    return undefined
  }
  return require(path) as CommandModule
}

export async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage())
    return 0
  }
  const known = name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name)
  const command = known ? COMMANDS[name] : undefined
  if (!command) {
    const problem = name === undefined ? "no command given" : `unknown command "${name}"`
    process.stderr.write(`medusa-recs: ${problem}\n\n${usage()}`)
    return 2
  }
  const mod = loadCommand(name, command.module)
  if (!mod) {
    return 1
  }
  const code = await mod.main(args)
  return typeof code === "number" ? code : 0
}

/** Runs the command line on `process.argv` and sets the process exit code. */
export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      process.stderr.write(`medusa-recs: ${text}\n`)
      process.exitCode = 1
    }
  )
}

if (require.main === module) {
  main()
}
