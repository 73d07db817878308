/**
 * Request benchmark: one blended, filtered, diversified 10-item list from a model trained on all
 * of Online Retail, through recommend() exactly as the store calls it (reasons on). Surfaces:
 * also_bought (a product page; seeds drawn uniformly from the catalogue), cart (3 products of a
 * real order) and for_you (a real customer's whole purchase history, every customer in turn).
 * Settings are each surface's defaults with diversity lambda 0.7 and at most 3 per category.
 * 20k warm-up calls, then 100k timed calls, each timed with process.hrtime.bigint().
 * Goal: p99 <= 0.2 ms.
 *
 * Online Retail has no categories, and without them the category cap and the category-trending
 * fallback would do nothing; so each product gets one pseudo-category, the last word of its title
 * (its product kind: HOLDER, BAG, MUG, ...), in the catalogue and in training.
 */
import { createScratch } from "../engine/blend"
import { indexCatalog } from "../engine/catalog"
import { histories } from "../engine/evaluation"
import { contentSimilarity } from "../engine/mmr"
import { SURFACE_DEFAULTS } from "../engine/params"
import { recommend, type RecommendContext } from "../engine/recommend"
import { train } from "../engine/train"
import type { RecommendationRequest, Surface, SurfaceSettings } from "../engine/types"
import { mulberry32 } from "./synthetic"
import { loadOnlineRetail } from "./training"

const WARMUP = 20_000
const CALLS = 100_000
const K = 10
const GOAL_MS = 0.2
const REQUESTS = 10_000

/** The last word of a title, as a stand-in category ("WHITE HANGING HEART T-LIGHT HOLDER" -> HOLDER). */
export function pseudoCategory(title: string | undefined): string[] {
  const words = (title ?? "").toUpperCase().match(/[A-Z][A-Z'-]*/g)
  return words && words.length ? [words[words.length - 1]] : []
}

export interface Timing {
  p50: number
  p99: number
  max: number
  mean: number
}

/** Warm-up, then `calls` timed calls cycling through `requests`; times in ms. */
export function timeCalls(requests: RecommendationRequest[], run: (r: RecommendationRequest) => { length: number }, warmup = WARMUP, calls = CALLS) {
  const ns = new Float64Array(calls)
  let items = 0
  let short = 0
  for (let call = -warmup; call < calls; call++) {
    const request = requests[(call + warmup) % requests.length]
    const start = process.hrtime.bigint()
    const list = run(request)
    const elapsed = process.hrtime.bigint() - start
    if (call < 0) continue
    ns[call] = Number(elapsed)
    items += list.length
    if (list.length < K) short++
  }
  ns.sort()
  const ms = (x: number) => x / 1e6
  let sum = 0
  for (let i = 0; i < calls; i++) sum += ns[i]
  const timing: Timing = {
    p50: ms(ns[Math.floor(0.5 * calls)]),
    p99: ms(ns[Math.min(calls - 1, Math.floor(0.99 * calls))]),
    max: ms(ns[calls - 1]),
    mean: ms(sum / calls),
  }
  return { timing, meanLength: items / calls, short }
}

export async function benchRequest(log: (line: string) => void): Promise<void> {
  const data = loadOnlineRetail(log)
  const { orders, documents } = data
  const { catalog, names } = indexCatalog(documents.map((d) => ({ categories: pseudoCategory(d.title), tags: d.tags })))
  const model = await train({ orders, documents, categories: catalog.categories, nCategories: names.categories.length })
  const titles = documents.map((d) => d.title ?? "")
  const ctx: RecommendContext = {
    model,
    catalog,
    scratch: createScratch(model.nItems),
    similarity: contentSimilarity(model),
    titles: (id) => titles[id],
  }
  const settingsFor = (surface: Surface): SurfaceSettings => {
    const d = SURFACE_DEFAULTS[surface]
    return { ...d, limit: K, diversity: { ...d.diversity, lambda: 0.7, maxPerCategory: 3 } }
  }
  const nOrders = orders.offsets.length - 1
  log(
    `request: model trained on all of Online Retail (${nOrders.toLocaleString("en-US")} orders, ${model.nItems.toLocaleString("en-US")} products, ` +
      `${names.categories.length} pseudo-categories from the titles' last word); lambda 0.7, max 3 per category, reasons on; ` +
      `${WARMUP / 1000}k warm-up + ${CALLS / 1000}k timed calls per surface`
  )

  const random = mulberry32(7)
  const alsoBought: RecommendationRequest[] = Array.from({ length: REQUESTS }, () => ({
    surface: "also_bought",
    limit: K,
    seeds: [Math.floor(random() * model.nItems)],
  }))

  // Carts: 3 distinct products of a random real order with at least 3.
  const big: number[] = []
  for (let o = 0; o < nOrders; o++) if (orders.offsets[o + 1] - orders.offsets[o] >= 3) big.push(o)
  const cart: RecommendationRequest[] = Array.from({ length: REQUESTS }, () => {
    const o = big[Math.floor(random() * big.length)]
    const from = orders.offsets[o]
    const size = orders.offsets[o + 1] - from
    const picked = new Set<number>()
    while (picked.size < 3) picked.add(orders.items[from + Math.floor(random() * size)])
    return { surface: "cart", limit: K, cart: [...picked] }
  })

  // For you: every customer's whole history (oldest first), purchases as weight 1.
  const all = histories(orders).filter((h) => h.ids.length > 0)
  const forYou: RecommendationRequest[] = all.map((h) => ({
    surface: "for_you",
    limit: K,
    history: { ids: h.ids, time: h.time },
    purchased: Uint32Array.from(new Set(h.ids)),
  }))
  const lengths = all.map((h) => h.ids.length).sort((a, b) => a - b)
  const lengthAt = (q: number) => lengths[Math.min(lengths.length - 1, Math.floor(q * lengths.length))]

  const cases: [Surface, RecommendationRequest[], string][] = [
    ["also_bought", alsoBought, `1 seed, uniform over the catalogue`],
    ["cart", cart, `3 products of a real order`],
    [
      "for_you",
      forYou,
      `${forYou.length.toLocaleString("en-US")} real customers in turn, history p50 ${lengthAt(0.5)}, p99 ${lengthAt(0.99)}, max ${lengthAt(1)} lines`,
    ],
  ]
  const f = (x: number) => x.toFixed(3)
  for (const [surface, requests, what] of cases) {
    const settings = settingsFor(surface)
    const { timing, meanLength, short } = timeCalls(requests, (r) => recommend(r, settings, ctx))
    log(
      `request (${surface}, ${what}): p50 ${f(timing.p50)} ms, p99 ${f(timing.p99)} ms, max ${f(timing.max)} ms, mean ${f(timing.mean)} ms ` +
        `(goal p99 <= ${GOAL_MS} ms: ${timing.p99 <= GOAL_MS ? "met" : "MISSED"}) [${meanLength.toFixed(1)} items per list, ${short} short lists]`
    )
  }
  const example = recommend(alsoBought[0], settingsFor("also_bought"), ctx)
  log(`request: e.g. also_bought for "${titles[alsoBought[0].seeds![0]]}": ${example.slice(0, 3).map((r) => `${titles[r.id]} (${r.reason})`).join("; ")}`)
}
