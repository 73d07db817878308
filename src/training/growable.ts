/**
 * Typed arrays that grow while rows stream in, so a read holds its data as numbers (a few bytes
 * per row) and never as row objects.
 */
type TypedArray = Uint32Array | Int32Array | Float32Array | Float64Array
type TypedArrayOf<T extends TypedArray> = { new (length: number): T }

export class Growable<T extends TypedArray> {
  private data: T
  length = 0

  constructor(private readonly type: TypedArrayOf<T>, capacity = 1024) {
    this.data = new type(Math.max(1, capacity))
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.type(this.data.length * 2)
      bigger.set(this.data as never)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  at(index: number): number {
    return this.data[index]
  }

  set(index: number, value: number): void {
    this.data[index] = value
  }

  /** The values pushed, in an array of exactly their length. */
  toArray(): T {
    return this.data.slice(0, this.length) as T
  }
}
