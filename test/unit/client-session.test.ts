import { anonymousSessionId } from "../../src/client"

const memoryStorage = () => {
  const stored = new Map<string, string>()
  return { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) }
}

it("keeps one anonymous session id per storage", () => {
  const storage = memoryStorage()
  const id = anonymousSessionId(storage)
  // Within what the events and list routes accept as a session_id.
  expect(id).toMatch(/^sess_[0-9a-f]{32}$/)
  expect(anonymousSessionId(storage)).toBe(id)
  expect(anonymousSessionId(memoryStorage())).not.toBe(id)
})
