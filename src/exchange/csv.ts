/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CR/LF line ends. It reads a whole
 * file's text (gunzipped when the name ends in .gz) and calls back once per record, so callers
 * never hold an array of rows.
 */
import { readFileSync } from "fs"
import { gunzipSync } from "zlib"

/** Bad input the user can fix (a missing file, column or header): reported without a stack. */
export class InputError extends Error {}

export function readText(path: string): string {
  const raw = readFileSync(path)
  return (path.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8")
}

/** Calls `onRecord(fields, line, header)` for every record after the header; returns the header. */
export function parseCsv(
  text: string,
  onRecord: (fields: string[], line: number, header: string[]) => void
): string[] {
  let header: string[] | null = null
  let fields: string[] = []
  let line = 1
  let recordLine = 1
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const n = text.length
  const emit = () => {
    if (header === null) header = fields.map((f) => f.trim())
    else if (!(fields.length === 1 && fields[0] === "")) onRecord(fields, recordLine, header)
    fields = []
  }
  while (i < n) {
    let c = text.charCodeAt(i)
    if (c === 34 /* " */) {
      // Quoted field: runs to the next lone quote; "" is a literal quote.
      let value = ""
      let start = ++i
      for (;;) {
        const q = text.indexOf('"', i)
        if (q < 0) {
          value += text.slice(start)
          i = n
          break
        }
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1)
          i = start = q + 2
          continue
        }
        value += text.slice(start, q)
        i = q + 1
        break
      }
      for (let k = value.indexOf("\n"); k >= 0; k = value.indexOf("\n", k + 1)) line++
      // Anything between the closing quote and the delimiter is kept, as lenient readers do.
      let end = i
      while (end < n && (c = text.charCodeAt(end)) !== 44 && c !== 10 && c !== 13) end++
      fields.push(end > i ? value + text.slice(i, end) : value)
      i = end
    } else {
      let end = i
      while (end < n && (c = text.charCodeAt(end)) !== 44 && c !== 10 && c !== 13) end++
      fields.push(text.slice(i, end))
      i = end
    }
    if (i >= n) break
    c = text.charCodeAt(i)
    if (c === 44) {
      i++
      if (i >= n) fields.push("")
    } else {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++
      i++
      emit()
      line++
      recordLine = line
    }
  }
  if (fields.length > 0) emit()
  if (header === null) throw new InputError("the file is empty: expected a header row")
  return header
}

/** Column positions of `wanted` in `header`; throws naming every missing column. */
export function columns<K extends string>(header: string[], wanted: readonly K[], file: string): Record<K, number> {
  const missing = wanted.filter((w) => !header.includes(w))
  if (missing.length > 0) {
    throw new InputError(`${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (header: ${header.join(",")})`)
  }
  return Object.fromEntries(wanted.map((w) => [w, header.indexOf(w)])) as Record<K, number>
}
