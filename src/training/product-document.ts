/**
 * A `recommendation_product_document` row as the engine's ProductDocument: the text fields, the
 * tags' values, the categories' names and the chosen metadata keys' values. Malformed JSON
 * columns (not the shapes the catalogue sync writes) read as empty, never fail a run.
 */
import type { ProductDocument } from "../engine/types"

export type ProductDocumentRow = {
  product_id: string
  title: string | null
  subtitle: string | null
  description: string | null
  type: string | null
  collection: string | null
  categories: unknown
  tags: unknown
  metadata?: unknown
}

export function productDocumentOf(row: ProductDocumentRow, metadataKeys: readonly string[]): ProductDocument {
  const document: ProductDocument = {}
  for (const field of ["title", "subtitle", "description", "type", "collection"] as const) {
    if (typeof row[field] === "string" && row[field]) document[field] = row[field] as string
  }
  const tags = namesOf(row.tags, "value")
  if (tags.length) document.tags = tags
  const categories = namesOf(row.categories, "name")
  if (categories.length) document.categories = categories
  const metadata = metadataText(row.metadata, metadataKeys)
  if (metadata) document.metadata = metadata
  return document
}

/** The ids of the row's categories (`[{ id, name }]`). */
export function categoryIdsOf(categories: unknown): string[] {
  return namesOf(categories, "id")
}

function namesOf(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return []
  const out: string[] = []
  for (const entry of list) {
    const value = entry && typeof entry === "object" ? (entry as Record<string, unknown>)[key] : undefined
    if (typeof value === "string" && value) out.push(value)
  }
  return out
}

/** Values of the chosen keys as text: strings, numbers and booleans, and lists of them. */
function metadataText(metadata: unknown, keys: readonly string[]): Record<string, string> | undefined {
  if (!keys.length || !metadata || typeof metadata !== "object" || Array.isArray(metadata)) return undefined
  const out: Record<string, string> = {}
  for (const key of keys) {
    const value = (metadata as Record<string, unknown>)[key]
    const text = (Array.isArray(value) ? value : [value]).filter(isScalar).map(String).join(" ")
    if (text) out[key] = text
  }
  return Object.keys(out).length ? out : undefined
}

const isScalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean"
