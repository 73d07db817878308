/**
 * What the server hands the training process: how to reach the store's database. The training
 * process has no Medusa container; it opens its own connection with these.
 */
import fs from "fs"
import path from "path"

export type TrainingEntryArgs = {
  /** The store's `projectConfig.databaseUrl`. */
  databaseUrl: string
  /** `projectConfig.databaseSchema`, when the store uses one other than `public`. */
  databaseSchema?: string
  /** `projectConfig.databaseDriverOptions` (SSL and the like), passed to the pg driver. */
  databaseDriverOptions?: Record<string, unknown>
}

/**
 * The compiled training entry (`entry.js` beside this file in the build). The training process is
 * plain node, so from the TypeScript sources (jest) it is the package's build that runs.
 */
export function trainingEntryFile(): string {
  const built =
    path.extname(__filename) === ".js"
      ? path.join(__dirname, "entry.js")
      : path.resolve(__dirname, "../../.medusa/server/src/training/entry.js")
  if (!fs.existsSync(built)) {
    throw new Error(`The training entry runs compiled: ${built} is missing (run \`npm run build\`)`)
  }
  return built
}
