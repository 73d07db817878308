import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  createCollectionsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createProductTagsWorkflow,
  createProductTypesWorkflow,
} from "@medusajs/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { RecommendationsModuleService } from "../../src/modules/recommendations"
import { createAdminUser } from "../fixtures/store"

jest.setTimeout(120_000)

const pluginRoot = path.resolve(__dirname, "../..")

/** A small catalogue made through Medusa's own workflows, as the admin would. */
async function createCatalog(container: MedusaContainer) {
  const { result: categories } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: [{ name: "Cushions", is_active: true }, { name: "Throws", is_active: true }] },
  })
  const { result: collections } = await createCollectionsWorkflow(container).run({
    input: { collections: [{ title: "Summer" }] },
  })
  const { result: tags } = await createProductTagsWorkflow(container).run({ input: { product_tags: [{ value: "linen" }] } })
  const { result: types } = await createProductTypesWorkflow(container).run({ input: { product_types: [{ value: "Textile" }] } })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: ["Linen cushion", "Wool throw", "Cotton cushion"].map((title) => ({
        title,
        status: "published" as const,
        options: [{ title: "Size", values: ["One"] }],
        variants: [{ title: "One", options: { Size: "One" }, prices: [{ amount: 20, currency_code: "eur" }] }],
      })),
    },
  })
  return {
    categories: categories.map((c) => c.id),
    collection: collections[0].id,
    tag: tags[0].id,
    type: types[0].id,
    products: products.map((p) => p.id),
  }
}

medusaIntegrationTestRunner({
  medusaConfigFile: path.join(pluginRoot, "dev-store"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let headers: Record<string, string>
    let service: RecommendationsModuleService
    let catalog: Awaited<ReturnType<typeof createCatalog>>
    beforeEach(async () => {
      headers = (await createAdminUser(getContainer())).headers
      service = getContainer().resolve("recommendations")
      catalog = await createCatalog(getContainer())
    })

    const options = () => ({ headers, validateStatus: () => true })
    const create = (body: unknown) => api.post("/admin/recommendations/rules", body, options())
    const update = (id: string, body: unknown) => api.post(`/admin/recommendations/rules/${id}`, body, options())
    const get = (url: string) => api.get(url, options())
    const rowCount = async () =>
      (await dbConnection.raw("select count(*)::int as n from recommendation_rule")).rows[0].n as number

    it("refuses every rules route without an admin", async () => {
      const rule = await service.createRecommendationRules({ kind: "exclude", match: { tag_ids: [catalog.tag] } })
      const anonymous = { validateStatus: () => true }
      const responses = [
        await api.get("/admin/recommendations/rules", anonymous),
        await api.post("/admin/recommendations/rules", { kind: "exclude", match: { tag_ids: [catalog.tag] } }, anonymous),
        await api.get(`/admin/recommendations/rules/${rule.id}`, anonymous),
        await api.post(`/admin/recommendations/rules/${rule.id}`, { enabled: false }, anonymous),
        await api.delete(`/admin/recommendations/rules/${rule.id}`, anonymous),
      ]
      expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
      expect(await service.listRecommendationRules({})).toEqual([expect.objectContaining({ id: rule.id, enabled: true })])
    })

    it("creates, reads, lists, changes and deletes rules", async () => {
      const [cushions, throws] = catalog.categories
      const boost = await create({ kind: "boost", match: { collection_ids: [catalog.collection] }, factor: 1.5, surfaces: ["related"], note: "summer" })
      expect(boost.status).toBe(200)
      expect(boost.data.rule).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^recrule_/),
          kind: "boost",
          enabled: true,
          surfaces: ["related"],
          when: null,
          match: { collection_ids: [catalog.collection] },
          items: null,
          factor: 1.5,
          position: null,
          note: "summer",
        })
      )
      const pin = await create({ kind: "pin", items: [catalog.products[0]], position: 0, when: { category_ids: [cushions] } })
      const from = await create({ kind: "recommend_from", when: { category_ids: [cushions] }, match: { category_ids: [throws] }, surfaces: ["also_bought", "cart"] })
      const exclude = await create({ kind: "exclude", match: { tag_ids: [catalog.tag], product_ids: [catalog.products[2]] }, enabled: false })
      const bury = await create({ kind: "bury", match: { type_ids: [catalog.type], price_min: 10, price_max: 50 }, factor: 0.5 })
      for (const r of [pin, from, exclude, bury]) expect(r.status).toBe(200)

      const one = await get(`/admin/recommendations/rules/${pin.data.rule.id}`)
      expect(one.data).toEqual({ rule: pin.data.rule })
      expect(one.data.rule).toMatchObject({ kind: "pin", items: [catalog.products[0]], position: 0, when: { category_ids: [cushions] } })

      const [b, p, f, e, u] = [boost, pin, from, exclude, bury].map((r) => r.data.rule.id as string)
      // Oldest first, the order serving applies rules in; a page of the list.
      const page = await get("/admin/recommendations/rules?limit=2&offset=1")
      expect(page.data).toMatchObject({ count: 5, offset: 1, limit: 2 })
      expect(page.data.rules.map((r: { id: string }) => r.id)).toEqual([p, f])
      // Chosen fields; one that is not the rule's is left out rather than failing the request.
      expect((await get("/admin/recommendations/rules?fields=id,kind,secret&limit=1")).data.rules).toEqual([{ id: b, kind: "boost" }])
      const ids = async (query: string) =>
        ((await get(`/admin/recommendations/rules?${query}`)).data.rules as { id: string }[]).map((r) => r.id).sort()
      expect(await ids("kind=boost")).toEqual([b])
      expect(await ids("kind[]=boost&kind[]=bury")).toEqual([b, u].sort())
      expect(await ids("enabled=false")).toEqual([e])
      // A surface's rules: those naming it and those for every surface.
      expect(await ids("surface=cart")).toEqual([p, f, e, u].sort())
      expect(await ids("surface=related")).toEqual([b, p, e, u].sort())
      expect(await ids("surface=for_you&enabled=true")).toEqual([p, u].sort())

      const changed = await update(b, { factor: 3, surfaces: null, enabled: false })
      expect(changed.status).toBe(200)
      expect(changed.data.rule).toMatchObject({ id: b, factor: 3, surfaces: null, enabled: false, note: "summer", match: { collection_ids: [catalog.collection] } })
      // A change of kind with the fields the new kind needs.
      const toExclude = await update(b, { kind: "exclude", factor: null })
      expect(toExclude.data.rule).toMatchObject({ kind: "exclude", factor: null })

      const deleted = await api.delete(`/admin/recommendations/rules/${b}`, options())
      expect(deleted.status).toBe(200)
      expect(deleted.data).toEqual({ id: b, object: "recommendation_rule", deleted: true })
      expect((await get(`/admin/recommendations/rules/${b}`)).status).toBe(404)
      expect((await get("/admin/recommendations/rules")).data.count).toBe(4)
    })

    it("answers 404 for a rule that does not exist, on every route", async () => {
      const responses = [
        await get("/admin/recommendations/rules/recrule_missing"),
        await update("recrule_missing", { enabled: false }),
        await api.delete("/admin/recommendations/rules/recrule_missing", options()),
      ]
      for (const r of responses) {
        expect(r.status).toBe(404)
        expect(r.data.message).toBe('Recommendation rule with id "recrule_missing" not found')
      }
    })

    it("refuses invalid rules with a 400 naming the problem, storing nothing", async () => {
      const [cushions] = catalog.categories
      const match = { category_ids: [cushions] }
      const cases: [unknown, RegExp][] = [
        [{ match }, /Field 'kind' is required/],
        [{ kind: "promote", match }, /Expected: 'pin, exclude, boost, bury, recommend_from' for field 'kind', but got: 'promote'/],
        [{ kind: "boost", match, factor: 0.5 }, /Invalid boost rule: a boost factor must be above 1/],
        [{ kind: "boost", match }, /Invalid boost rule: a boost factor must be above 1/],
        [{ kind: "bury", match, factor: 2 }, /Invalid bury rule: a bury factor must be between 0 and 1/],
        [{ kind: "pin", items: [] }, /Invalid pin rule: a pin needs at least one product/],
        [{ kind: "pin", items: [catalog.products[0]], position: -1 }, /position must be a whole number from 0/],
        [{ kind: "exclude", match: { price_min: 50, price_max: 10 } }, /the lowest price is above the highest/],
        [{ kind: "exclude" }, /the rule matches no products: list some or give a price band/],
        [{ kind: "recommend_from", match }, /recommend-from needs a seed condition/],
        [{ kind: "exclude", match, when: {} }, /the seed condition lists nothing/],
        [{ kind: "exclude", match, factor: 2 }, /factor applies only to boost and bury rules/],
        [{ kind: "pin", items: [catalog.products[0]], match }, /match does not apply to pin rules/],
        [{ kind: "exclude", match, surfaces: ["sidebar"] }, /surfaces: unknown "sidebar"; expected any of also_bought, related, cart, for_you/],
        [{ kind: "exclude", match, surfaces: [] }, /surfaces must list at least one surface, or be null for every surface/],
        [{ kind: "exclude", match: { category: [cushions] } }, /Unrecognized fields: 'category'/],
        [{ kind: "exclude", match: { product_ids: "prod_1" } }, /'array' for field 'match, product_ids'/],
        [{ kind: "boost", match, factor: "2" }, /'number' for field 'factor'/],
        [{ kind: "boost", match, factor: 1e40 }, /field 'factor' too big, expected at most: '1000'/],
        [{ kind: "pin", items: [catalog.products[0]], position: 1e10 }, /field 'position' too big, expected at most: '99'/],
        [{ kind: "exclude", match, enabled: "no" }, /'boolean' for field 'enabled'/],
      ]
      for (const [body, message] of cases) {
        const response = await create(body)
        expect({ body, status: response.status, type: response.data.type }).toEqual({ body, status: 400, type: "invalid_data" })
        expect(response.data.message).toMatch(message)
      }
      const queries: [string, RegExp][] = [
        ["kind=promote", /kind: unknown "promote"; expected any of pin, exclude, boost, bury, recommend_from/],
        ["kind[]=boost&kind[]=sideways", /kind: unknown "sideways"/],
        ["enabled=maybe", /Expected: 'true, false' for field 'enabled', but got: 'maybe'/],
        ["surface=sidebar", /for field 'surface', but got: 'sidebar'/],
        ["limit=many", /'number' for field 'limit'/],
        ["order=price", /Order field price is not valid/],
        ["offset=-1", /field 'offset' too small, expected at least: '0'/],
        ["limit=-5", /field 'limit' too small, expected at least: '1'/],
        ["limit=2.5", /limit/],
      ]
      for (const [query, message] of queries) {
        const response = await get(`/admin/recommendations/rules?${query}`)
        expect({ query, status: response.status }).toEqual({ query, status: 400 })
        expect(response.data.message).toMatch(message)
      }
      expect(await rowCount()).toBe(0)
    })

    it("refuses rules naming products, categories, collections, tags or types that do not exist, listing them", async () => {
      const response = await create({
        kind: "recommend_from",
        when: { product_ids: [catalog.products[0], "prod_gone"], tag_ids: ["ptag_gone"] },
        match: { category_ids: [catalog.categories[0], "pcat_gone", "pcat_lost"], collection_ids: ["pcol_gone"], type_ids: ["ptyp_gone", catalog.type] },
      })
      expect(response.status).toBe(400)
      expect(response.data.message).toBe(
        "The rule refers to unknown products prod_gone; categories pcat_gone, pcat_lost; collections pcol_gone; tags ptag_gone; types ptyp_gone"
      )
      const pin = await create({ kind: "pin", items: ["prod_gone", catalog.products[1]] })
      expect(pin.data.message).toBe("The rule refers to unknown products prod_gone")
      expect(await rowCount()).toBe(0)
    })

    it("puts the previous rule back when the changed rule fails the workflow's check", async () => {
      const created = await create({ kind: "boost", match: { category_ids: [catalog.categories[0]] }, factor: 2, surfaces: ["cart"], note: "keep" })
      const before = created.data.rule

      // Valid fields on their own; invalid once merged with what is stored.
      const asBury = await update(before.id, { kind: "bury" })
      expect(asBury.status).toBe(400)
      expect(asBury.data.message).toBe("Invalid bury rule: a bury factor must be between 0 and 1")
      const unknown = await update(before.id, { match: { category_ids: ["pcat_gone"] }, note: "changed" })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toBe("The rule refers to unknown categories pcat_gone")

      const after = (await get(`/admin/recommendations/rules/${before.id}`)).data.rule
      expect({ ...after, updated_at: undefined }).toEqual({ ...before, updated_at: undefined })
      // The change was written and then undone: the row was touched, its fields are the old ones.
      expect(new Date(after.updated_at).getTime()).toBeGreaterThan(new Date(before.updated_at).getTime())
      expect(await rowCount()).toBe(1)
    })
  },
})
