/**
 * The demo's database choice: DATABASE_URL (its database created when missing), and the embedded
 * PostgreSQL a machine without a server gets, whose data outlives it.
 */
import { chmodSync, mkdtempSync, rmSync } from "fs"
import { tmpdir } from "os"
import path from "path"
import { demoDatabase, embeddedDatabase, sql as query } from "../../demo/database"

jest.setTimeout(120_000)

describe("demo database", () => {
  const name = `medusa_recs_demo_test_${process.pid}`
  const previous = process.env.DATABASE_URL
  afterAll(async () => {
    process.env.DATABASE_URL = previous
    if (previous === undefined) delete process.env.DATABASE_URL
    await query("postgres://postgres@127.0.0.1:5432/postgres", `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })

  it("uses DATABASE_URL, creating its database when missing", async () => {
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${name}`
    const database = await demoDatabase("/nonexistent", () => undefined)
    expect(database.where).toBe("DATABASE_URL")
    expect(await query(database.url, "SELECT current_database() AS db")).toEqual([{ db: name }])
  })

  it("starts an embedded PostgreSQL in a folder of its own, and finds its data there the next time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "recs-embedded-"))
    // Run as root, the server runs as the postgres user, who must reach the folder (the demo's is under the repository).
    chmodSync(dir, 0o755)
    const errors: string[] = []
    try {
      const first = await embeddedDatabase(path.join(dir, "postgres"), "shop", (line) => errors.push(line), 54339)
      try {
        expect(first.url).toBe("postgres://postgres:postgres@127.0.0.1:54339/shop")
        await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)")
      } finally {
        await first.stop()
      }
      await expect(query(first.url, "SELECT 1")).rejects.toThrow()
      const second = await embeddedDatabase(path.join(dir, "postgres"), "shop", (line) => errors.push(line), 54339)
      try {
        expect(await query(second.url, "SELECT n FROM kept")).toEqual([{ n: 42 }])
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
