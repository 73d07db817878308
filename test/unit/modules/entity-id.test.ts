/** Ids in Medusa's form from a pooled random source. */
import { entityId } from "../../../src/modules/recommendations/utils/entity-id"

describe("entityId", () => {
  it("is the prefix and a ULID: 10 characters of time, 16 random, in Crockford's base 32", () => {
    const before = Date.now()
    const id = entityId("recev")
    expect(id).toMatch(/^recev_[0-9A-HJKMNP-TV-Z]{26}$/)
    const time = [...id.slice(6, 16)].reduce((t, c) => t * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c), 0)
    expect(time).toBeGreaterThanOrEqual(before)
    expect(time).toBeLessThanOrEqual(Date.now())
  })

  it("does not repeat across many ids (several pool refills), and ids of later milliseconds sort after", async () => {
    const ids = Array.from({ length: 100_000 }, () => entityId("x"))
    expect(new Set(ids).size).toBe(ids.length)
    const first = entityId("x")
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(entityId("x") > first).toBe(true)
  })

  it("uses every character of the alphabet in the random part", () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => entityId("x").slice(12)).join(""))
    expect(seen.size).toBe(32)
  })
})
