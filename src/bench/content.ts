/**
 * Content-model benchmark: TF-IDF and top-50 cosine neighbours on synthetic catalogues of 10k,
 * 25k and 50k products (goal: 50k in <= 5 s), then the neighbours of a few real Online Retail
 * products as a quality check.
 *
 * Online Retail has only ~4,000 products, so larger catalogues are sampled from its vocabulary:
 * titles with the real title lengths and word frequencies, plus category and tag phrases made of
 * the same words. A seeded generator makes every run build the same catalogues.
 */
import { contentNeighbours, sharedTerms } from "../engine/content"
import { tfidf } from "../engine/tfidf"
import type { ProductDocument } from "../engine/types"
import { columns, parseCsv, readText } from "../exchange/csv"
import { onlineRetailPath } from "./dataset"
import { mulberry32 } from "./synthetic"

const SIZES = [10_000, 25_000, 50_000]
const GOAL_SECONDS = 5
const CATEGORIES = 300
const TAGS = 1_500
const EXAMPLES = ["JUMBO BAG RED RETROSPOT", "WHITE HANGING HEART T-LIGHT HOLDER", "REGENCY CAKESTAND 3 TIER", "ALARM CLOCK BAKELIKE RED", "PACK OF 72 RETROSPOT CAKE CASES"]

export async function benchContent(log: (line: string) => void): Promise<void> {
  const titles = productTitles(onlineRetailPath())
  const sample = wordSampler(titles)

  for (const size of SIZES) {
    const docs = syntheticCatalogue(size, titles, sample, 42)
    const t0 = performance.now()
    const { terms, vocabulary } = tfidf(docs)
    const t1 = performance.now()
    const neighbours = contentNeighbours(terms, { topK: 50 })
    const t2 = performance.now()
    const s = (ms: number) => (ms / 1000).toFixed(2)
    log(
      `content: ${size} products, tfidf ${s(t1 - t0)} s, top-50 neighbours ${s(t2 - t1)} s, total ${s(t2 - t0)} s (goal <= ${GOAL_SECONDS} s)` +
        ` [${vocabulary.length} terms, ${(terms.ids.length / size).toFixed(1)} terms/product, ${(neighbours.ids.length / size).toFixed(1)} neighbours/product,` +
        ` ${(((t2 - t0) * 1000) / size).toFixed(0)} µs/product]`
    )
  }

  // Quality: the real catalogue, titles only. Stock codes sharing a title are listed once, or the
  // first neighbour of a product would be its own twin.
  const distinct = [...new Set(titles)]
  const { terms, vocabulary } = tfidf(distinct.map((title) => ({ title })))
  const neighbours = contentNeighbours(terms)
  log(`content: Online Retail, ${distinct.length} distinct titles, ${vocabulary.length} terms; nearest by title:`)
  for (const example of EXAMPLES) {
    const d = distinct.indexOf(example)
    if (d < 0) continue
    const row = []
    for (let i = neighbours.offsets[d]; i < Math.min(neighbours.offsets[d + 1], neighbours.offsets[d] + 5); i++) {
      const j = neighbours.ids[i]
      row.push(`${distinct[j]} ${neighbours.scores[i].toFixed(2)} (shares: ${sharedTerms(terms, vocabulary, d, j).join(", ")})`)
    }
    log(`  ${example} -> ${row.join("; ")}`)
  }
}

/** One title per stock code (its first description), in order of first sale. */
function productTitles(path: string): string[] {
  const text = readText(path)
  const header = parseCsv(text.slice(0, text.indexOf("\n")), () => {})
  const col = columns(header, ["StockCode", "Description"] as const, path)
  const byCode = new Map<string, string>()
  parseCsv(text, (fields) => {
    const title = fields[col.Description]?.trim()
    if (title && !byCode.has(fields[col.StockCode])) byCode.set(fields[col.StockCode], title)
  })
  return [...byCode.values()]
}

/** Draws words with their frequency in the real titles. */
export function wordSampler(titles: string[]): (random: () => number) => string {
  const counts = new Map<string, number>()
  for (const title of titles) for (const word of title.split(/\s+/)) if (word) counts.set(word, (counts.get(word) ?? 0) + 1)
  const vocabulary = [...counts.keys()]
  const cumulative = new Float64Array(vocabulary.length)
  let total = 0
  vocabulary.forEach((word, i) => (cumulative[i] = total += counts.get(word)!))
  return (random) => {
    const x = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] > x) hi = mid
      else lo = mid + 1
    }
    return vocabulary[lo]
  }
}

function syntheticCatalogue(size: number, titles: string[], sample: (random: () => number) => string, seed: number): ProductDocument[] {
  const random = mulberry32(seed)
  const lengths = titles.map((t) => t.split(/\s+/).filter(Boolean).length)
  const phrase = (words: number) => Array.from({ length: words }, () => sample(random)).join(" ")
  const categories = Array.from({ length: CATEGORIES }, () => phrase(1 + Math.floor(random() * 2)))
  const tags = Array.from({ length: TAGS }, () => phrase(1 + Math.floor(random() * 2)))
  const docs: ProductDocument[] = []
  for (let d = 0; d < size; d++) {
    // Squaring skews the draw: a few large categories and tags, many small ones, as in real shops.
    const pick = (list: string[]) => list[Math.floor(random() * random() * list.length)]
    docs.push({
      title: phrase(lengths[Math.floor(random() * lengths.length)]),
      categories: [pick(categories)],
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick(tags)),
    })
  }
  return docs
}
