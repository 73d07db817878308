import { model } from "@medusajs/framework/utils"

/**
 * The catalogue as training reads it: one row per product, copied from the product module when
 * a product is created, updated or deleted, so a training process reads only this module's tables.
 * A deleted product is soft-deleted here (`deleted_at`), and a restored one undeleted: the unique
 * index on product_id is not scoped to `deleted_at IS NULL`, one row per product ever.
 */
export const ProductDocument = model
  .define(
    { name: "ProductDocument", tableName: "recommendation_product_document" },
    {
      id: model.id({ prefix: "recdoc" }).primaryKey(),
      product_id: model.text(),
      title: model.text(),
      subtitle: model.text().nullable(),
      description: model.text().nullable(),
      handle: model.text().nullable(),
      /** The product type's value. */
      type: model.text().nullable(),
      /** The collection's title. */
      collection: model.text().nullable(),
      /** Ids of the collection and the product type, which merchant rules name. */
      collection_id: model.text().nullable(),
      type_id: model.text().nullable(),
      /** Lowest variant price in the store's default currency (price-band rules); null when none. */
      price: model.float().nullable(),
      /** The product's categories, as [{ id, name }]. */
      categories: model.json<{ id: string; name: string }[]>().nullable(),
      /** The product's tags, as [{ id, value }]. */
      tags: model.json<{ id: string; value: string }[]>().nullable(),
      /** draft | proposed | published | rejected, as in the product module. */
      status: model.text(),
      sales_channel_ids: model.json<string[]>().nullable(),
      created_at_source: model.dateTime(),
      metadata: model.json().nullable(),
    }
  )
  .indexes([{ on: ["product_id"], unique: true, where: null }])
