/** What seed.ts puts in the browser test's store, for the spec to find it by. */

export const SEED_TITLES = ["Linen Shirt", "Shirt Buttons", "Collar Stays", "Cufflinks", "Canvas Tote", "Wool Socks", "Rain Hat"] as const
export type SeedTitle = (typeof SEED_TITLES)[number]

/** The products' ids by title, as seed.ts prints them. */
export type Seeded = Record<SeedTitle, string>

export const CUSTOMER = { email: "ada@example.com", first_name: "Ada", last_name: "Shopper" }

/** Ada's storefront login (storefront-seed.ts). */
export const CUSTOMER_PASSWORD = "ada-storefront-password"

/** What storefront-seed.ts prints. */
export type StorefrontSeeded = { products: Seeded; publishableKey: string; regionId: string; customerOrders: number }
