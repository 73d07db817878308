/**
 * A value re-read when older than a TTL, off the request path: a stale value is served while one
 * shared re-read runs, so only the very first read is waited for. A failed re-read keeps the
 * previous value until the next TTL.
 */
export class Refreshed<T> {
  private value: T | undefined
  private checkedAt = 0
  private pending: Promise<void> | undefined

  constructor(
    private readonly load: (previous: T | undefined) => Promise<T>,
    private readonly ttlMs: number,
    private readonly onError: (error: unknown) => void
  ) {}

  async get(): Promise<T> {
    if (this.value !== undefined && Date.now() - this.checkedAt < this.ttlMs) return this.value
    const pending = (this.pending ??= this.refresh())
    if (this.value !== undefined) return this.value
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
