// Unit tests run the TypeScript sources through swc; integration tests boot a real Medusa store
// (dev-store/medusa-config.ts, which loads the plugin's build: `npm test` builds first).
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
  ],
}
