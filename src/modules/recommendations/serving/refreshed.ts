/**
 * A value re-read when older than a TTL. In the background mode a stale value is served while one
 * shared re-read runs (only the very first read is waited for); in the blocking mode callers wait
 * for that shared re-read. A failed re-read keeps the previous value until the next TTL.
 */
export class Refreshed<T> {
  private value: T | undefined
  private checkedAt = 0
  private pending: Promise<void> | undefined

  constructor(
    private readonly load: (previous: T | undefined) => Promise<T>,
    private readonly ttlMs: number,
    private readonly mode: "background" | "blocking",
    private readonly onError: (error: unknown) => void
  ) {}

  async get(): Promise<T> {
    if (this.value !== undefined && Date.now() - this.checkedAt < this.ttlMs) return this.value
    const pending = (this.pending ??= this.refresh())
    if (this.value !== undefined && this.mode === "background") return this.value
    await pending
    return this.value as T
  }

  private async refresh(): Promise<void> {
    try {
      this.value = await this.load(this.value)
    } catch (error) {
      if (this.value === undefined) throw error
      this.onError(error)
    } finally {
      this.checkedAt = Date.now()
      this.pending = undefined
    }
  }
}
