/**
 * A value re-read when older than a TTL, off the request path: a stale value is served while one
 * shared re-read runs, so only the very first read is waited for. A failed re-read keeps the
 * previous value until the next TTL. `invalidate()` (a change made in this process) makes the
 * next read wait for a value loaded after it.
 */
export class Refreshed<T> {
  private value: T | undefined
  private checkedAt = 0
  private pending: Promise<void> | undefined
  /** Bumped by invalidate(); `loaded` is the generation the value was read in. */
  private generation = 0
  private loaded = -1

  constructor(
    private readonly load: (previous: T | undefined) => Promise<T>,
    private readonly ttlMs: number,
    private readonly onError: (error: unknown) => void
  ) {}

  async get(): Promise<T> {
    const current = this.loaded === this.generation
    if (current && this.value !== undefined && Date.now() - this.checkedAt < this.ttlMs) return this.value
    const pending = (this.pending ??= this.refresh())
    if (current && this.value !== undefined) return this.value
    await pending
    // Invalidated while that read was under way: it may predate the change.
    return this.loaded === this.generation ? (this.value as T) : this.get()
  }

  invalidate(): void {
    this.generation++
  }

  private async refresh(): Promise<void> {
    const generation = this.generation
    try {
      this.value = await this.load(this.value)
      this.loaded = generation
    } catch (error) {
      if (this.value === undefined) throw error
      // Serve the previous value rather than wait on a failing source.
      this.loaded = generation
      this.onError(error)
    } finally {
      this.checkedAt = Date.now()
      this.pending = undefined
    }
  }
}
