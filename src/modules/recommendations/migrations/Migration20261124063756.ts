import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124063756 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_settings" drop constraint if exists "recommendation_settings_surface_unique";`);
    this.addSql(`alter table if exists "recommendation_product_document" drop constraint if exists "recommendation_product_document_product_id_unique";`);
    this.addSql(`alter table if exists "recommendation_model_version" drop constraint if exists "recommendation_model_version_version_unique";`);
    this.addSql(`alter table if exists "recommendation_model_artifact" drop constraint if exists "recommendation_model_artifact_chunk_unique";`);
    this.addSql(`alter table if exists "recommendation_interaction_event" drop constraint if exists "recommendation_interaction_event_order_product_type_unique";`);
    this.addSql(`create table if not exists "recommendation_interaction_event" ("id" text not null, "type" text check ("type" in ('purchase', 'view', 'click', 'add_to_cart', 'impression')) not null, "product_id" text not null, "variant_id" text null, "customer_id" text null, "session_id" text null, "order_id" text null, "quantity" integer not null default 1, "sales_channel_id" text null, "recommendation_id" text null, "occurred_at" timestamptz not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_interaction_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_deleted_at" ON "recommendation_interaction_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_customer_id" ON "recommendation_interaction_event" ("customer_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_session_id" ON "recommendation_interaction_event" ("session_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_occurred_at" ON "recommendation_interaction_event" ("occurred_at");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_product_id" ON "recommendation_interaction_event" ("product_id");`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_interaction_event_order_product_type_unique" ON "recommendation_interaction_event" ("order_id", "product_id", "type") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_model_artifact" ("id" text not null, "model_version_id" text not null, "name" text not null, "chunk" integer not null, "data" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_model_artifact_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_model_artifact_deleted_at" ON "recommendation_model_artifact" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_model_artifact_chunk_unique" ON "recommendation_model_artifact" ("model_version_id", "name", "chunk");`);

    this.addSql(`create table if not exists "recommendation_model_version" ("id" text not null, "version" serial, "status" text check ("status" in ('building', 'ready', 'failed', 'superseded')) not null default 'building', "is_current" boolean not null default false, "trained_until" timestamptz null, "counts" jsonb not null, "manifest" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_model_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_model_version_deleted_at" ON "recommendation_model_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_model_version_version_unique" ON "recommendation_model_version" ("version");`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_model_version_current" ON "recommendation_model_version" ("is_current") WHERE is_current = true AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_product_document" ("id" text not null, "product_id" text not null, "title" text not null, "subtitle" text null, "description" text null, "handle" text null, "type" text null, "collection" text null, "categories" jsonb null, "tags" jsonb null, "status" text not null, "sales_channel_ids" jsonb null, "created_at_source" timestamptz not null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_product_document_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_product_document_deleted_at" ON "recommendation_product_document" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_product_document_product_id_unique" ON "recommendation_product_document" ("product_id");`);

    this.addSql(`create table if not exists "recommendation_rule" ("id" text not null, "kind" text check ("kind" in ('pin', 'exclude', 'boost', 'bury', 'recommend_from')) not null, "enabled" boolean not null default true, "surfaces" jsonb null, "when" jsonb null, "match" jsonb null, "items" jsonb null, "factor" real null, "position" integer null, "note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_rule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_rule_deleted_at" ON "recommendation_rule" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "recommendation_settings" ("id" text not null, "surface" text check ("surface" in ('also_bought', 'related', 'cart', 'for_you')) not null, "settings" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_settings_deleted_at" ON "recommendation_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_settings_surface_unique" ON "recommendation_settings" ("surface");`);

    this.addSql(`create table if not exists "recommendation_training_run" ("id" text not null, "status" text check ("status" in ('queued', 'running', 'succeeded', 'failed')) not null default 'queued', "trigger" text check ("trigger" in ('order', 'schedule', 'manual', 'backfill', 'catalog')) not null, "progress" real not null default 0, "stage" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "timings" jsonb null, "counts" jsonb null, "evaluation" jsonb null, "error" text null, "model_version_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_training_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_training_run_deleted_at" ON "recommendation_training_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_training_run_status" ON "recommendation_training_run" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_interaction_event" cascade;`);

    this.addSql(`drop table if exists "recommendation_model_artifact" cascade;`);

    this.addSql(`drop table if exists "recommendation_model_version" cascade;`);

    this.addSql(`drop table if exists "recommendation_product_document" cascade;`);

    this.addSql(`drop table if exists "recommendation_rule" cascade;`);

    this.addSql(`drop table if exists "recommendation_settings" cascade;`);

    this.addSql(`drop table if exists "recommendation_training_run" cascade;`);
  }

}
