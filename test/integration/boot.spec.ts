import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")

// Boots the development store (dev-store/medusa-config.ts), which loads this plugin from its
// build output the way a merchant's store does.
medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer }) => {
    it("loads the plugin with its options", () => {
      const config = getContainer().resolve(ContainerRegistrationKeys.CONFIG_MODULE)
      expect(config.plugins).toContainEqual(
        expect.objectContaining({ resolve: pluginRoot, options: expect.any(Object) })
      )
    })

    it("answers /health", async () => {
      const response = await api.get("/health")
      expect(response.status).toBe(200)
    })

    it("refuses a store route without a publishable key", async () => {
      const response = await api.get("/store/products", { validateStatus: () => true })
      expect(response.status).toBe(400)
    })
  },
})
