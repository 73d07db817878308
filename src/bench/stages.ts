/**
 * Request-time stages benchmark: rules (5), hard filters, MMR (lambda 0.7, 3 per category) and the
 * fallback chain, on 200 blended candidates cut to 10 items, for a synthetic store of 50k products
 * with 100 co-purchase and 100 content neighbours each. Goal: a whole request at p99 <= 0.2 ms, so
 * these stages must take well under that.
 *
 * Products come in categories of 100 and most neighbours share the seed's category, as in a real
 * store, so the category cap and MMR have real work to do. A seeded generator makes every run
 * build the same store and requests.
 */
import { fillFallbacks } from "../engine/fallback"
import { blocked } from "../engine/filters"
import { contentSimilarity, mmr } from "../engine/mmr"
import { SURFACE_DEFAULTS } from "../engine/params"
import { activeRules, applyRules, ruleExclusion } from "../engine/rules"
import { byCategory, rankByScore } from "../engine/trending"
import type { Candidate, Catalog, Model, Neighbours, RecommendationRequest, Rule, SurfaceSettings } from "../engine/types"

const N_ITEMS = 50_000
const NEIGHBOURS = 100
const PER_CATEGORY = 100
const N_CATEGORIES = N_ITEMS / PER_CATEGORY
const N_TAGS = 2_000
const VOCABULARY = 20_000
const TERMS_PER_ITEM = 20
const CANDIDATES = 200
const K = 10
const CALLS = 100_000
const REQUESTS = 1_000
const GOAL_MS = 0.2

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const categoryOf = (i: number) => Math.floor(i / PER_CATEGORY)

/** Mostly the item's own category, like real co-purchase and content neighbours. */
function neighbourRows(random: () => number): Neighbours {
  const n = N_ITEMS * NEIGHBOURS
  const offsets = new Uint32Array(N_ITEMS + 1)
  const ids = new Uint32Array(n)
  const scores = new Float32Array(n)
  const support = new Uint32Array(n)
  const row = new Set<number>()
  for (let i = 0; i < N_ITEMS; i++) {
    row.clear()
    while (row.size < NEIGHBOURS) {
      const j = random() < 0.6 ? categoryOf(i) * PER_CATEGORY + Math.floor(random() * PER_CATEGORY) : Math.floor(random() * N_ITEMS)
      if (j !== i) row.add(j)
    }
    const at = i * NEIGHBOURS
    const top = 0.2 + 0.6 * random()
    let r = 0
    for (const j of row) {
      ids[at + r] = j
      scores[at + r] = top / (1 + r) // descending, as rows are stored
      support[at + r] = Math.max(1, Math.round(50 / (1 + r)))
      r++
    }
    offsets[i + 1] = at + NEIGHBOURS
  }
  return { offsets, ids, scores, support }
}

function syntheticStore(random: () => number): { model: Model; catalog: Catalog } {
  // Terms: 8 of the category's 30 words plus 12 from the whole vocabulary, L2-normalised.
  const termOffsets = new Uint32Array(N_ITEMS + 1)
  const termIds: number[] = []
  const termValues: number[] = []
  for (let i = 0; i < N_ITEMS; i++) {
    const row = new Map<number, number>()
    for (let t = 0; t < TERMS_PER_ITEM; t++) {
      const term = t < 8 ? (categoryOf(i) * 30 + Math.floor(random() * 30)) % VOCABULARY : Math.floor(random() * VOCABULARY)
      row.set(term, (row.get(term) ?? 0) + 0.5 + random())
    }
    const sorted = [...row].sort((a, b) => a[0] - b[0])
    const norm = Math.hypot(...sorted.map(([, w]) => w))
    for (const [term, w] of sorted) termIds.push(term), termValues.push(w / norm)
    termOffsets[i + 1] = termIds.length
  }

  const categories = { offsets: new Uint32Array(N_ITEMS + 1), ids: new Uint32Array(N_ITEMS * 2), values: new Float32Array(N_ITEMS * 2).fill(1) }
  const tagIds: number[] = []
  const tagOffsets = new Uint32Array(N_ITEMS + 1)
  for (let i = 0; i < N_ITEMS; i++) {
    // Every tenth product also sits in a second, random category.
    let at = categories.offsets[i]
    categories.ids[at++] = categoryOf(i)
    if (i % 10 === 0) categories.ids[at++] = Math.floor(random() * N_CATEGORIES)
    categories.offsets[i + 1] = at
    for (let t = Math.floor(random() * 4); t > 0; t--) tagIds.push(Math.floor(random() * N_TAGS))
    tagOffsets[i + 1] = tagIds.length
  }
  categories.ids = categories.ids.slice(0, categories.offsets[N_ITEMS])
  categories.values = categories.values.slice(0, categories.ids.length)

  const trending = new Float32Array(N_ITEMS)
  const orderCount = new Uint32Array(N_ITEMS)
  for (let i = 0; i < N_ITEMS; i++) {
    orderCount[i] = Math.floor(1000 * random() ** 4)
    trending[i] = random() < 0.3 ? (orderCount[i] * random()) / 1e5 : 0
  }

  const catalog: Catalog = {
    nItems: N_ITEMS,
    categories,
    tags: { offsets: tagOffsets, ids: Uint32Array.from(tagIds), values: new Float32Array(tagIds.length).fill(1) },
    collection: Int32Array.from({ length: N_ITEMS }, () => (random() < 0.5 ? Math.floor(random() * 50) : -1)),
    type: Int32Array.from({ length: N_ITEMS }, () => Math.floor(random() * 30)),
    price: Float32Array.from({ length: N_ITEMS }, () => (random() < 0.02 ? NaN : 2 + 200 * random() ** 2)),
    createdAt: Float64Array.from({ length: N_ITEMS }, () => 1.7e12 + 3e10 * random()),
    available: Uint8Array.from({ length: N_ITEMS }, () => (random() < 0.95 ? 1 : 0)),
  }
  const model: Model = {
    nItems: N_ITEMS,
    trainedUntil: 1.73e12,
    cooccurrence: neighbourRows(random),
    content: neighbourRows(random),
    terms: { offsets: termOffsets, ids: Uint32Array.from(termIds), values: Float32Array.from(termValues) },
    vocabulary: Array.from({ length: VOCABULARY }, (_, t) => `term${t}`),
    trending,
    trendingOrder: rankByScore(trending),
    categoryTrending: byCategory(trending, categories, N_CATEGORIES),
    orderCount,
    priorScale: { seeded: 1, personal: 1 },
  }
  return { model, catalog }
}

/** A product-page request and its 200 blended candidates: the seed's two rows, then trending. */
function syntheticRequest(model: Model, random: () => number): { request: RecommendationRequest; candidates: Candidate[] } {
  const seed = Math.floor(random() * N_ITEMS)
  const pick = (n: number) => Array.from({ length: n }, () => Math.floor(random() * N_ITEMS))
  const request: RecommendationRequest = { surface: "also_bought", limit: K, seeds: [seed], exclude: pick(2), cart: pick(3), purchased: pick(20) }
  const byId = new Map<number, Candidate>()
  const add = (id: number, source: "cooccurrence" | "content" | "trending", score: number) => {
    const c = byId.get(id) ?? { id, score: 0, sources: {} }
    c.sources[source] = score
    c.score += score
    byId.set(id, c)
  }
  for (const source of ["cooccurrence", "content"] as const) {
    const { offsets, ids, scores } = model[source]
    for (let p = offsets[seed]; p < offsets[seed + 1]; p++) add(ids[p], source, source === "content" ? 0.2 * scores[p] : scores[p])
  }
  for (let r = 0; byId.size < CANDIDATES; r++) add(model.trendingOrder[r], "trending", model.trending[model.trendingOrder[r]])
  return { request, candidates: [...byId.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES) }
}

function syntheticRules(random: () => number): Rule[] {
  const some = (n: number, of: number) => Array.from({ length: n }, () => Math.floor(random() * of))
  return [
    { kind: "pin", items: some(1, N_ITEMS), position: 2 },
    { kind: "exclude", match: { categories: some(5, N_CATEGORIES) } },
    { kind: "boost", match: { tags: some(40, N_TAGS) }, factor: 1.5 },
    { kind: "bury", match: { priceMax: 10 }, factor: 0.3 },
    { kind: "recommend_from", when: { categories: some(N_CATEGORIES / 2, N_CATEGORIES) }, match: { collections: some(3, 50) } },
  ]
}

/**
 * The stages as recommend() composes them; also returns the list before the fallbacks. applyRules
 * already removed what exclude rules match, so the candidates need only the hard filters; the
 * fallbacks need both.
 */
function runStages(
  model: Model,
  catalog: Catalog,
  rules: Rule[],
  settings: SurfaceSettings,
  similarity: (a: number, b: number) => number,
  request: RecommendationRequest,
  candidates: Candidate[]
): { diversified: Candidate[]; list: Candidate[] } {
  const seeds = request.seeds!
  const ruleCtx = { surface: request.surface, seeds, catalog }
  const active = activeRules(rules, ruleCtx)
  const hardBlocked = blocked({ request, settings, catalog })
  const excludedByRule = ruleExclusion(active, catalog)
  const isBlocked = excludedByRule ? (id: number) => hardBlocked(id) || excludedByRule(id) : hardBlocked
  let list = applyRules(candidates, active, ruleCtx)
  list = list.filter((c) => !hardBlocked(c.id))
  const { offsets, ids } = catalog.categories
  const diversified = mmr(list, K, settings.diversity, similarity, (id) => ids.subarray(offsets[id], offsets[id + 1]))
  return { diversified, list: fillFallbacks(diversified, K, settings.fallbacks, { model, catalog, seeds, isBlocked, minScore: settings.minScore }) }
}

export async function benchStages(log: (line: string) => void): Promise<void> {
  const random = prng(42)
  const t0 = performance.now()
  const { model, catalog } = syntheticStore(random)
  const requests = Array.from({ length: REQUESTS }, () => syntheticRequest(model, random))
  const rules = syntheticRules(random)
  log(`stages: synthetic store of ${N_ITEMS} products, ${NEIGHBOURS} neighbours each, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const defaults = SURFACE_DEFAULTS.also_bought
  // minScore drops the weakest picks now and then, so the fallback chain runs too.
  const settings: SurfaceSettings = { ...defaults, minScore: 0.1, diversity: { lambda: 0.7, maxPerCategory: 3, explorationSlots: 0 }, filters: { ...defaults.filters, excludePurchased: true } }
  const similarity = contentSimilarity(model)

  // Wall time, and CPU time, which a busy machine's preemption does not inflate.
  const wall = new Float64Array(CALLS)
  const cpu = new Float64Array(CALLS)
  let filled = 0
  let short = 0
  for (let call = -CALLS / 10; call < CALLS; call++) {
    const { request, candidates } = requests[(call + CALLS) % REQUESTS]
    const cpu0 = process.cpuUsage()
    const start = process.hrtime.bigint()
    const { diversified, list } = runStages(model, catalog, rules, settings, similarity, request, candidates)
    const elapsed = Number(process.hrtime.bigint() - start) / 1000
    const used = process.cpuUsage(cpu0)
    if (call < 0) continue // warm-up: let the JIT settle
    wall[call] = elapsed
    cpu[call] = used.user + used.system
    if (list.some((c) => !diversified.includes(c))) filled++
    if (list.length < K) short++
  }
  const summary = (micros: Float64Array) => {
    micros.sort()
    const at = (q: number) => micros[Math.min(CALLS - 1, Math.floor(q * CALLS))].toFixed(0)
    return `p50 ${at(0.5)} us, p99 ${at(0.99)} us, max ${micros[CALLS - 1].toFixed(0)} us`
  }
  log(`stages: rules (5) + filters + mmr (lambda 0.7, 3 per category) + fallbacks, ${CANDIDATES} candidates -> ${K}, ${CALLS} calls (request goal p99 <= ${GOAL_MS * 1000} us)`)
  log(`stages: wall ${summary(wall)}; cpu ${summary(cpu)}`)
  log(`stages: fallbacks appended items in ${((100 * filled) / CALLS).toFixed(1)}% of calls; ${short} lists came out short`)
}
