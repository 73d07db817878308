/**
 * The README's demo screenshots, taken from a running `npm run demo` (Online Retail) in Chromium:
 * a product page with its widgets and a customer's "For you".
 *
 *   node -r ts-node/register/transpile-only demo/screenshots.ts
 */
import path from "path"
import { launchChromium } from "../test/browser/browser"
import { DEMO_DATABASE, sql } from "./database"
import { REPO } from "./store"

const STOREFRONT = `http://localhost:${process.env.DEMO_STOREFRONT_PORT || 8000}`
/** Online Retail's best seller. */
const PRODUCT = "85123A"

async function productId(): Promise<string> {
  const url = process.env.DATABASE_URL || `postgres://postgres@127.0.0.1:5432/${DEMO_DATABASE}`
  const rows = await sql<{ id: string }>(url, "SELECT id FROM product WHERE external_id = $1 AND deleted_at IS NULL", [PRODUCT])
  if (!rows.length) throw new Error(`no product ${PRODUCT}: run npm run demo first`)
  return rows[0].id
}

async function main() {
  const id = await productId()
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    await page.goto(`${STOREFRONT}/#/products/${id}`)
    await page.getByRole("heading", { name: "Frequently bought together" }).waitFor()
    await page.waitForLoadState("networkidle")
    await page.screenshot({ path: path.join(REPO, "docs/demo-product.png") })
    // The busiest customer: logging in takes the select until it is done.
    await page.locator("#shopper").selectOption({ index: 1 })
    await page.locator("#shopper:enabled").waitFor()
    await page.goto(`${STOREFRONT}/#/for-you`)
    await page.getByText("Loading…").first().waitFor({ state: "detached" })
    await page.waitForLoadState("networkidle")
    await page.screenshot({ path: path.join(REPO, "docs/demo-for-you.png") })
  } finally {
    await browser.close()
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`)
  process.exit(1)
})
