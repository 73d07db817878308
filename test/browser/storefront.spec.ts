/**
 * The demo storefront (demo/storefront) in a real browser against a store with the plugin
 * (admin-store.ts, seeded by storefront-seed.ts): the product page's lists, a click recorded with
 * its list's id, "Complete your cart", and "For you" as a customer picked from the list.
 */
import fs from "fs"
import path from "path"
import { Client } from "pg"
import type { Browser, Locator, Page } from "playwright-core"
import { buildStorefront, serveStorefront } from "../../demo/storefront"
import { startAdminStore, type AdminStore } from "./admin-store"
import { freePort, launchChromium, until } from "./browser"
import { CUSTOMER, CUSTOMER_PASSWORD, type StorefrontSeeded } from "./seed-data"

jest.setTimeout(300_000)

const REPO = path.resolve(__dirname, "../..")
// The README's screenshot is rewritten with UPDATE_SCREENSHOTS=1; other runs keep theirs under .cache.
const SCREENSHOTS = path.join(REPO, process.env.UPDATE_SCREENSHOTS ? "docs" : ".cache/screenshots")
const ADA = `${CUSTOMER.first_name} ${CUSTOMER.last_name}`

let store: AdminStore<StorefrontSeeded>
let storefront: { url: string; close: () => Promise<void> }
let browser: Browser
let page: Page
let db: Client

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  // The store's CORS must name the storefront's origin before it starts.
  const port = await freePort()
  const origin = `http://localhost:${port}`
  let dir: string
  ;[store, browser, dir] = await Promise.all([
    startAdminStore<StorefrontSeeded>(path.join(__dirname, "storefront-seed.ts"), {
      env: { STORE_CORS: origin, AUTH_CORS: origin },
      admin: false,
    }),
    launchChromium(),
    buildStorefront(path.join(REPO, ".cache/browser-storefront")),
  ])
  storefront = await serveStorefront({
    dir,
    port,
    config: {
      backendUrl: store.url,
      publishableKey: store.seeded.publishableKey,
      regionId: store.seeded.regionId,
      customers: [{ email: CUSTOMER.email, password: CUSTOMER_PASSWORD, name: ADA, orders: store.seeded.customerOrders }],
    },
  })
  db = new Client({ connectionString: store.databaseUrl })
  await db.connect()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(30_000)
}, 600_000)

afterAll(async () => {
  await db?.end()
  await browser?.close()
  await storefront?.close()
  await store?.stop()
})

const ids = () => store.seeded.products
const widget = (surface: string) => page.getByTestId(`widget-${surface}`)
const cards = (surface: string) => widget(surface).getByTestId("rec-card")
const titles = (surface: string) => cards(surface).locator(".card-title").allTextContents()

/** A widget's titles once its list has come (a list always holds products here). */
const loadedTitles = (surface: string) => until(() => titles(surface), (t) => t.length > 0)

async function openProduct(title: keyof StorefrontSeeded["products"]) {
  const url = `${storefront.url}/#/products/${ids()[title]}`
  // The same url again only changes nothing in the page: reload it.
  if (page.url() === url) await page.reload()
  else await page.goto(url)
  await expectText(page.getByTestId("product-title"), title)
}

async function events(type: string) {
  const { rows } = await db.query(
    "select product_id, recommendation_id, session_id, customer_id, variant_id from recommendation_interaction_event where type = $1 order by occurred_at",
    [type]
  )
  return rows as { product_id: string; recommendation_id: string | null; session_id: string | null; customer_id: string | null; variant_id: string | null }[]
}

it("shows also-bought and related on a product page, and records a click on a recommendation with its list's id", async () => {
  // The store trains on the seeded orders after it starts: until then the list is the newest
  // products, whose order (products created together) may put the buttons first too.
  await until(
    async () => {
      await openProduct("Linen Shirt")
      await loadedTitles("also_bought")
      const card = cards("also_bought").first()
      return [await card.locator(".card-title").textContent(), await card.locator(".reason").textContent()]
    },
    ([title, reason]) => title === "Shirt Buttons" && !reason?.startsWith("New in"),
    120_000
  )
  expect(await titles("also_bought")).toEqual(expect.arrayContaining(["Collar Stays", "Cufflinks"]))
  await expectText(cards("also_bought").first().locator(".reason"), "Linen Shirt")
  expect(await loadedTitles("related")).not.toContain("Linen Shirt")

  const listId = await widget("also_bought").getAttribute("data-recommendation-id")
  expect(listId).toMatch(/^recl_/)
  const sessionId = await page.evaluate(() => localStorage.getItem("medusa_recommendations_session"))
  // The shown products were reported as impressions of that list.
  const shown = (await cards("also_bought").evaluateAll((els) => els.map((el) => el.getAttribute("data-product-id")))) as string[]
  await until(
    async () => (await events("impression")).filter((e) => e.recommendation_id === listId).map((e) => e.product_id),
    (recorded) => shown.every((id) => recorded.includes(id))
  )

  await cards("also_bought").filter({ hasText: "Shirt Buttons" }).click()
  await expectText(page.getByTestId("product-title"), "Shirt Buttons")
  expect(page.url()).toBe(`${storefront.url}/#/products/${ids()["Shirt Buttons"]}`)
  const [click] = await until(() => events("click"), (e) => e.length > 0)
  expect(click).toMatchObject({ product_id: ids()["Shirt Buttons"], recommendation_id: listId, session_id: sessionId, customer_id: null })
  // The product page's view went in before its lists: the shirt just left is recently viewed.
  expect((await loadedTitles("recently_viewed"))[0]).toBe("Linen Shirt")
  await Promise.all([loadedTitles("also_bought"), loadedTitles("related")])
  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.join(SCREENSHOTS, "storefront.png"), fullPage: true })
})

it("adds to the cart and completes it with products not in it", async () => {
  await openProduct("Linen Shirt")
  await page.getByRole("button", { name: "Add to cart" }).click()
  await expectText(page.getByRole("status"), "Added")
  await expectText(page.getByTestId("cart-link"), "1")
  const [added] = await until(() => events("add_to_cart"), (e) => e.length > 0)
  expect(added.product_id).toBe(ids()["Linen Shirt"])
  expect(added.variant_id).toMatch(/^variant_/)

  await page.getByTestId("cart-link").click()
  await expectText(page.getByTestId("cart-line"), "Linen Shirt")
  const completing = await loadedTitles("cart")
  expect(completing).not.toContain("Linen Shirt")
  expect(completing).toContain("Shirt Buttons")
})

it("shows 'For you' for a customer picked from the list, and for the visitor after logging out", async () => {
  await page.goto(`${storefront.url}/#/for-you`)
  await loadedTitles("for_you")
  await page.getByLabel("Shopper").selectOption({ label: `${ADA} · ${store.seeded.customerOrders} orders` })
  await expectText(page.getByRole("heading", { level: 2 }).first(), `For ${ADA}`)
  // Her purchases explain her list, and its impressions are hers.
  await until(() => cards("for_you").locator(".reason").allTextContents(), (r) => r.some((text) => text.includes("Because you bought Linen Shirt")))
  expect(await shopperOfImpressions()).toEqual({ customer_id: expect.stringMatching(/^cus_/) })

  await page.getByLabel("Shopper").selectOption({ label: "Anonymous visitor" })
  await expectText(page.getByRole("heading", { level: 2 }).first(), "For this visitor")
  await loadedTitles("for_you")
  expect(await shopperOfImpressions()).toEqual({ customer_id: null })
})

/** Who the impressions of the "For you" list on the page were recorded for, once recorded. */
async function shopperOfImpressions() {
  const listId = await widget("for_you").getAttribute("data-recommendation-id")
  const recorded = await until(
    async () => (await events("impression")).filter((e) => e.recommendation_id === listId),
    (e) => e.length > 0
  )
  const customers = [...new Set(recorded.map((e) => e.customer_id))]
  expect(customers).toHaveLength(1)
  return { customer_id: customers[0] }
}

async function expectText(locator: Locator, text: string) {
  await until(() => locator.textContent(), (t) => !!t?.includes(text))
}
