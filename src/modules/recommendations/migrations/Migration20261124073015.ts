import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124073015 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "recommendation_training_run" drop constraint if exists "recommendation_training_run_job_id_unique";`);
    this.addSql(`alter table if exists "recommendation_training_run" add column if not exists "job_id" text null, add column if not exists "attempt" integer not null default 0;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_recommendation_training_run_job_id_unique" ON "recommendation_training_run" ("job_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_recommendation_training_run_job_id_unique";`);
    this.addSql(`alter table if exists "recommendation_training_run" drop column if exists "job_id", drop column if exists "attempt";`);
  }

}
