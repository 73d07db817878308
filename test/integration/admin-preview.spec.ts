/**
 * The admin preview (GET /admin/recommendations/preview): the storefront's own list for a
 * surface, product and customer, for an admin; clear 4xx answers for what it cannot preview.
 */
import path from "path"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createAdminUser } from "../fixtures/store"
import { createOrder, createProducts, createStore, emitOrderPlaced, eventually, type StoreFixture } from "../fixtures/store"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  medusaConfigFile: path.resolve(__dirname, "../../dev-store"),
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let headers: Record<string, string>
    const ids: Record<string, string> = {}

    beforeAll(async () => {
      const container = getContainer()
      store = await createStore(container)
      const keys = ["mug", "saucer", "teapot", "candle"]
      const products = await createProducts(container, store, ["Stoneware mug", "Stoneware saucer", "Glass teapot", "Beeswax candle"])
      products.forEach((p, i) => (ids[keys[i]] = p.id))
      const variant = (key: string) => products[keys.indexOf(key)].variantIds[0]
      // The mug goes with the saucer in 4 orders, with the teapot in 2; candles sell alone.
      const baskets = [...Array(4).fill(["mug", "saucer"]), ["mug", "teapot"], ["mug", "teapot"], ["candle"], ["candle"]]
      const handled = TestEventUtils.waitSubscribersExecution("order.placed", container.resolve(Modules.EVENT_BUS) as never, {
        triggerCount: baskets.length,
        timeout: 60_000,
      })
      const orderIds: string[] = []
      for (const basket of baskets) {
        orderIds.push(await createOrder(container, store, basket.map((key: string) => ({ variant_id: variant(key), quantity: 1 }))))
      }
      await emitOrderPlaced(container, orderIds)
      await handled
      const service = container.resolve("recommendations") as any
      const { jobId } = await service.requestTraining("manual")
      await eventually(async () => {
        const [run] = await service.listTrainingRuns({ job_id: jobId })
        return run?.status === "succeeded"
      }, 60_000)
    })

    beforeEach(async () => {
      headers = (await createAdminUser(getContainer())).headers
    })

    const preview = (query: string) => api.get(`/admin/recommendations/preview?${query}`, { headers }).catch((e) => e.response)

    it("lists what the storefront gets for the product, in its order, with reasons and scores, hydrated with titles", async () => {
      const query = `surface=also_bought&product_id=${ids.mug}&limit=3`
      const storefrontList = () =>
        api.get(`/store/products/${ids.mug}/recommendations?surface=also_bought&limit=3`, { headers: store.storeHeaders })
      await eventually(async () => (await storefrontList()).data.products.length === 3)
      const [admin, storefront] = await Promise.all([preview(query), storefrontList()])
      expect(admin.status).toBe(200)
      expect(admin.data.surface).toBe("also_bought")
      expect(admin.data.products.map((p: any) => p.id)).toEqual(storefront.data.products.map((p: any) => p.id))
      expect(admin.data.products.map((p: any) => p.recommendation)).toEqual(storefront.data.products.map((p: any) => p.recommendation))
      expect(admin.data.products[0]).toMatchObject({ id: ids.saucer, title: "Stoneware saucer" })
      expect(admin.data.products[0].recommendation.reason).toEqual(expect.any(String))
      expect(admin.data.products.map((p: any) => p.id)).not.toContain(ids.mug)
    })

    it("applies a settings change and a rule to the very next storefront request", async () => {
      const list = async () =>
        (await api.get(`/store/products/${ids.mug}/recommendations?surface=also_bought`, { headers: store.storeHeaders })).data.products.map(
          (p: { id: string }) => p.id
        )
      await eventually(async () => (await list()).length > 2)
      await api.post("/admin/recommendations/settings/also_bought", { limit: 2 }, { headers })
      expect(await list()).toHaveLength(2)
      const [first] = await list()
      await api.post("/admin/recommendations/rules", { kind: "exclude", match: { product_ids: [first] } }, { headers })
      expect(await list()).not.toContain(first)
    })

    it("refuses what it cannot preview with a 4xx naming the problem", async () => {
      const missingProduct = await preview("surface=also_bought")
      expect(missingProduct.status).toBe(400)
      expect(missingProduct.data.message).toMatch(/product_id is required/)

      const productForYou = await preview(`surface=for_you&product_id=${ids.mug}`)
      expect(productForYou.status).toBe(400)
      expect(productForYou.data.message).toMatch(/product_id does not apply to surface 'for_you'/)

      const missingCart = await preview("surface=cart")
      expect(missingCart.status).toBe(400)
      expect(missingCart.data.message).toMatch(/cart_id is required/)

      const badSurface = await preview(`surface=homepage&product_id=${ids.mug}`)
      expect(badSurface.status).toBe(400)
      expect(badSurface.data.message).toMatch(/surface/)

      const badLimit = await preview(`surface=related&product_id=${ids.mug}&limit=0`)
      expect(badLimit.status).toBe(400)
      expect(badLimit.data.message).toMatch(/limit/)

      const unknownCustomer = await preview("surface=for_you&customer_id=cus_unknown")
      expect(unknownCustomer.status).toBe(404)
      expect(unknownCustomer.data.message).toMatch(/cus_unknown/)

      const unknownChannel = await preview(`surface=related&product_id=${ids.mug}&sales_channel_id=sc_unknown`)
      expect(unknownChannel.status).toBe(404)
    })

    it("answers only admins", async () => {
      const res = await api.get(`/admin/recommendations/preview?surface=related&product_id=${ids.mug}`).catch((e) => e.response)
      expect(res.status).toBe(401)
    })
  },
})
