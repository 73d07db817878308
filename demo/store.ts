/**
 * A Medusa store running this plugin, in a scratch folder under the repository's git-ignored
 * `.cache/`: the development store's configuration (dev-store/medusa-config.ts, which loads the
 * plugin's build and takes its settings from the environment), the medusa CLI run in that folder,
 * the admin built once (again only when the plugin's admin bundle or the dashboard changes), and
 * `medusa start` in a child process. Used by the demo and by the browser tests.
 */
import { spawn, type ChildProcess } from "child_process"
import { createHash } from "crypto"
import fs from "fs"
import path from "path"

export const REPO = path.resolve(__dirname, "..")
const MEDUSA = path.join(REPO, "node_modules/.bin/medusa")

/** Writes the store folder: its configuration, package.json and the plugin linked into node_modules. */
export function writeStore(root: string) {
  fs.mkdirSync(path.join(root, "node_modules"), { recursive: true })
  const config = path.relative(root, path.join(REPO, "dev-store/medusa-config")).split(path.sep).join("/")
  fs.writeFileSync(path.join(root, "medusa-config.ts"), `// Written by demo/store.ts.\nexport { default } from "${config}"\n`)
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: path.basename(root), private: true, dependencies: { "@medusajs/medusa": "*" } }))
  // The admin bundler imports the plugin's extensions as `medusa-plugin-recommendations/admin`.
  const link = path.join(root, "node_modules/medusa-plugin-recommendations")
  if (!fs.existsSync(link)) fs.symlinkSync(REPO, link, "dir")
}

/**
 * The environment of the store's commands: `medusa start` serves the built admin and keeps its
 * session over plain http with NODE_ENV "test" (not "development", which serves the admin through
 * vite, nor "production", whose session cookie is Secure).
 */
export function storeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = { ...process.env }
  // The plugin's settings come from `env` alone: a test file's RECOMMENDATIONS_* (a crashing
  // training entry, say) stays in its own process.
  for (const name of Object.keys(inherited)) if (name.startsWith("RECOMMENDATIONS_")) delete inherited[name]
  const out: NodeJS.ProcessEnv = { ...inherited, MEDUSA_DISABLE_TELEMETRY: "true", NODE_ENV: "test", ...env }
  delete out.NODE_OPTIONS
  return out
}

/** A log line's message: Medusa logs JSON lines outside development. */
function messageOf(line: string): string {
  if (!line.startsWith("{")) return line
  try {
    return String(JSON.parse(line).message ?? line)
  } catch {
    return line
  }
}

/**
 * Runs `medusa <args>` in the store; resolves with its output, rejects with it when it fails.
 * `onLine` gets each line's message as it comes.
 */
export function medusa(root: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    let partial = ""
    const take = (d: Buffer) => {
      output += d
      if (!onLine) return
      const lines = (partial + d).split("\n")
      partial = lines.pop()!
      lines.forEach((line) => onLine(messageOf(line)))
    }
    child.stdout.on("data", take)
    child.stderr.on("data", take)
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`medusa ${args.join(" ")} failed (${code}):\n${output.slice(-4000)}`))))
  })
}

/** Builds the admin into `<root>/public/admin` unless the build there came from the same bundle. */
export async function buildAdmin(root: string, env: NodeJS.ProcessEnv): Promise<"built" | "reused"> {
  const out = path.join(root, "public/admin")
  const bundle = fs.readFileSync(path.join(REPO, ".medusa/server/src/admin/index.mjs"))
  const dashboard = require("@medusajs/dashboard/package.json").version
  const key = createHash("sha256").update(bundle).update(dashboard).digest("hex")
  const keyFile = path.join(out, ".build-key")
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) return "reused"
  const script = `require("@medusajs/admin-bundler").build(${JSON.stringify({
    disable: false,
    path: "/app",
    backendUrl: "/",
    storefrontUrl: "",
    sources: [],
    plugins: ["medusa-plugin-recommendations/admin"],
    outDir: out,
  })}).catch((e) => { console.error(e); process.exit(1) })`
  await new Promise<void>((resolve, reject) => {
    // NODE_PATH: the bundler finds the plugin from the store's folder (as in a store's
    // node_modules), so Tailwind scans the plugin's classes.
    const child = spawn(process.execPath, ["-e", script], {
      cwd: root,
      env: { ...env, NODE_PATH: path.join(root, "node_modules") },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`admin build failed (${code}):\n${output.slice(-4000)}`))))
  })
  fs.writeFileSync(keyFile, key)
  return "built"
}

export type RunningStore = { url: string; child: ChildProcess; stop: () => Promise<void> }

/** `medusa start` on `port`; resolves once /health answers. */
export async function startStore(root: string, env: NodeJS.ProcessEnv, port: number, timeoutMs = 120_000): Promise<RunningStore> {
  let output = ""
  const child = spawn(MEDUSA, ["start"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] })
  child.stdout!.on("data", (d) => (output += d))
  child.stderr!.on("data", (d) => (output += d))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`medusa start exited (${child.exitCode}):\n${output.slice(-4000)}`)
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`medusa start not healthy in ${timeoutMs} ms:\n${output.slice(-4000)}`)
    }
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false)
    if (healthy) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      }),
  }
}
