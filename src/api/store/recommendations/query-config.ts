import { retrieveProductQueryConfig } from "@medusajs/medusa/api/store/products/query-config"

/** Products come back as `/store/products` returns them: the same default and allowed `fields`. */
export const recommendationProductsQueryConfig = retrieveProductQueryConfig
