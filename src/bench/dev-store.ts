/**
 * The development store (dev-store/medusa-config.ts) loaded in this process the way `medusa
 * develop` loads it: the server benchmark's seeding process and its measured server both use it.
 */
import "./server-env"
import path from "path"
import type { Express } from "express"
import type { MedusaContainer } from "@medusajs/framework/types"

export const packageRoot = path.resolve(__dirname, path.extname(__filename) === ".js" ? "../../../.." : "../..")
export const devStore = path.join(packageRoot, "dev-store")

export async function loadDevStore(app: Express): Promise<{ container: MedusaContainer; shutdown: () => Promise<void> }> {
  // The store's medusa-config.ts is TypeScript, as in a merchant's project: load it as the medusa CLI does.
  require("ts-node").register({ transpileOnly: true })
  const loaders = require("@medusajs/medusa/loaders/index").default
  return loaders({ directory: devStore, expressApp: app })
}
