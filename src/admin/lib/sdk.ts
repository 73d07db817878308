import Medusa from "@medusajs/js-sdk"

/** The admin's own session (cookie) authenticates the plugin's calls, as Medusa's pages do. */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
