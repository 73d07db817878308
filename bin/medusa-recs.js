#!/usr/bin/env node
"use strict"
// Launcher of the `medusa-recs` command line: runs the compiled CLI from the plugin build output.
const path = require("path")

const entry = path.join(__dirname, "..", ".medusa", "server", "src", "cli", "index.js")
let cli
try {
  cli = require(entry)
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes(entry)) {
    process.stderr.write(`medusa-recs: ${entry} is missing. Run \`npm run build\` first.\n`)
    process.exit(1)
  }
  throw error
}
cli.main()
