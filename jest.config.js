// Unit tests run the TypeScript sources through swc; integration tests boot a real Medusa store
// (dev-store/medusa-config.ts, which loads the plugin's build: `npm test` builds first).
// @medusajs/test-utils needs node's --experimental-vm-modules: .npmrc sets it for npm scripts
// and npx, so run jest through `npm test` or `npx jest`.
const transform = { "^.+\\.[jt]sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", decorators: true } } }] }

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/integration/**/*.spec.ts"],
      setupFiles: ["<rootDir>/test/integration/setup.js"],
    },
    {
      // The admin in a real browser: Debian's chromium (scripts/ensure-chromium.sh) driven by
      // playwright-core against `medusa start` serving the built admin with the plugin loaded.
      displayName: "browser",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/browser/**/*.spec.ts"],
    },
  ],
}
