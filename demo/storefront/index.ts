/**
 * The demo's storefront page: built with vite from `app/` (vanilla TypeScript on
 * `@medusajs/js-sdk` and the plugin's client, imported from `src/client`), served by a small
 * static server that also answers `/config.json`, the page's runtime configuration.
 *
 * The store must allow the page's origin: start it with STORE_CORS and AUTH_CORS including the
 * served `url`.
 */
import { spawn } from "child_process"
import { createHash } from "crypto"
import fs from "fs"
import http from "http"
import type { AddressInfo } from "net"
import path from "path"

export interface StorefrontCustomer {
  email: string
  password: string
  /** Shown in the shopper picker. */
  name: string
  /** How many orders the customer has in the store's history, shown next to the name. */
  orders: number
}

/** What the page reads from `./config.json`. */
export interface StorefrontConfig {
  /** The Medusa server, e.g. http://localhost:9000. */
  backendUrl: string
  /** A publishable key linked to the sales channel the products are in. */
  publishableKey: string
  /** The region carts are created in and prices shown for; the store's first region when absent. */
  regionId?: string
  /** Customers with an email/password account the shopper picker logs in as. */
  customers: StorefrontCustomer[]
}

/**
 * The folder holding `app/`: this file's own in the repository; from the compiled copy under
 * `.medusa/server`, the repository's (tsc copies no HTML or CSS).
 */
function sourceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = dir === __dirname ? dir : path.join(dir, "demo/storefront")
    if (fs.existsSync(path.join(candidate, "app/index.html"))) return candidate
    if (dir === path.dirname(dir)) throw new Error(`demo/storefront/app not found above ${__dirname}`)
  }
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort()
}

/** The page's sources, the client it imports, and the installed vite and js-sdk. */
function sourcesKey(repo: string, appDir: string): string {
  const hash = createHash("sha256")
  const files = [
    ...filesUnder(appDir),
    ...filesUnder(path.join(repo, "src/client")),
    ...["vite", "@medusajs/js-sdk"].map((pkg) => path.join(repo, "node_modules", pkg, "package.json")),
  ]
  for (const file of files) hash.update(file).update(fs.readFileSync(file))
  return hash.digest("hex")
}

/**
 * Builds the page into `outDir` (index.html and its assets, relative to each other), unless the
 * build there was made from the same sources. Resolves to `outDir`.
 */
export async function buildStorefront(outDir: string): Promise<string> {
  const root = sourceRoot()
  const appDir = path.join(root, "app")
  const repo = path.resolve(root, "../..")
  const key = sourcesKey(repo, appDir)
  const keyFile = path.join(outDir, ".build-key")
  if (fs.existsSync(keyFile) && fs.readFileSync(keyFile, "utf8") === key) return outDir
  const config = { root: appDir, base: "./", logLevel: "warn", configFile: false, build: { outDir: path.resolve(outDir), emptyOutDir: true } }
  // In a child node process: vite is an ES module, which a jest or ts-node caller cannot load.
  const script = `require("vite").build(${JSON.stringify(config)}).catch((e) => { console.error(e); process.exit(1) })`
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { cwd: repo, stdio: ["ignore", "inherit", "inherit"] })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`storefront build failed (${code})`))))
  })
  fs.writeFileSync(keyFile, key)
  return outDir
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
}

/**
 * Serves a built page from `dir` on `port` (0: any free port) and `config` as `/config.json`.
 * Resolves once listening, with the page's url.
 */
export async function serveStorefront({ dir, port, config }: { dir: string; port: number; config: StorefrontConfig }): Promise<{
  url: string
  close: () => Promise<void>
}> {
  const root = path.resolve(dir)
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname)
    if (pathname === "/config.json") {
      res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-store" })
      return res.end(JSON.stringify(config))
    }
    const file = path.join(root, pathname === "/" ? "index.html" : pathname)
    // Nothing outside the build folder; the page routes by hash, so no fallback to index.html.
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" })
      return res.end("Not found")
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, resolve)
  })
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
