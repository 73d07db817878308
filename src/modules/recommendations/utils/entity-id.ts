/**
 * Ids in Medusa's form (`prefix_` and a ULID: 10 characters of time, then 16 random), drawn
 * from a pool of random bytes refilled 4 KiB at a time. Medusa's generateEntityId asks the
 * operating system for randomness once per character, about 30 µs an id: a batch of 10,000
 * events held the server's event loop for a third of a second.
 */
import { randomFillSync } from "crypto"

/** Crockford's base 32, as ULIDs use. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const RANDOM_CHARS = 16
const TIME_CHARS = 10
const pool = new Uint8Array(4096)
let next = pool.length

export function entityId(prefix: string): string {
  if (next + RANDOM_CHARS > pool.length) {
    randomFillSync(pool)
    next = 0
  }
  let time = Date.now()
  let id = ""
  for (let i = 0; i < TIME_CHARS; i++) {
    id = ALPHABET[time % 32] + id
    time = Math.floor(time / 32)
  }
  // 256 is a multiple of 32: the low five bits of a random byte are uniform.
  for (let i = 0; i < RANDOM_CHARS; i++) id += ALPHABET[pool[next++] & 31]
  return `${prefix}_${id}`
}
