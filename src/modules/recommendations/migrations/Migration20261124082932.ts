import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124082932 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_product_document" add column if not exists "collection_id" text null, add column if not exists "type_id" text null, add column if not exists "price" real null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_product_document" drop column if exists "collection_id", drop column if exists "type_id", drop column if exists "price";`);
  }

}
