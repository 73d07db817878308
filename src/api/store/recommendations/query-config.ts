import { retrieveProductQueryConfig } from "@medusajs/medusa/api/store/products/query-config"

/** Products are returned exactly as `/store/products/:id` returns them: same defaults, same `fields`. */
export const recommendationProductsQueryConfig = {
  ...retrieveProductQueryConfig,
}
