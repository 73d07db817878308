/** Dense integer indices for string ids (products, customers, categories), in first-seen order. */
export class IdIndex {
  readonly ids: string[] = []
  private readonly indices = new Map<string, number>()

  /** The id's index, given the next free one when it is new. */
  of(id: string): number {
    let index = this.indices.get(id)
    if (index === undefined) {
      index = this.ids.push(id) - 1
      this.indices.set(id, index)
    }
    return index
  }

  get size(): number {
    return this.ids.length
  }
}
