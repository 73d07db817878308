import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124101349 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_tune_run" drop constraint if exists "recommendation_tune_run_job_id_unique";`);
    this.addSql(`create table if not exists "recommendation_tune_run" ("id" text not null, "status" text check ("status" in ('queued', 'running', 'succeeded', 'failed')) not null default 'queued', "job_id" text null, "attempt" integer not null default 0, "progress" real not null default 0, "stage" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "result" jsonb null, "error" text null, "accepted_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "recommendation_tune_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_tune_run_deleted_at" ON "recommendation_tune_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_recommendation_tune_run_status" ON "recommendation_tune_run" ("status");`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_tune_run_job_id_unique" ON "recommendation_tune_run" ("job_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_tune_run" cascade;`);
  }

}
