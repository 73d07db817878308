/**
 * Serving state, held once per process by the module service: the current model with what is
 * derived from it (catalogue in its index space, scratch, similarity), the settings and the rules.
 * A request never reads the model from the database: a newer version is looked for every second
 * in the background and swapped in once loaded; only the very first request waits.
 */
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Rule, Surface, SurfaceSettings } from "../../../engine"
import type { LoadedModel } from "../types"
import { readCurrentModel } from "../utils/model-store"
import { buildCatalogue, type ServingCatalogue, type ServingDocument } from "./catalogue"
import { ChannelView, channelKey } from "./channel-view"
import { SERVING } from "./params"
import { readCurrentVersion, readDocumentsStamp, readServingDocuments } from "./reads"
import { Refreshed } from "./refreshed"
import { toEngineRules, type StoredRule } from "./rules"
import { StockChecker } from "./stock"

export interface ServingSnapshot {
  catalogue: ServingCatalogue
  settings: Record<Surface, SurfaceSettings>
  rules: Rule[]
  /** The catalogue as these sales channels see it (one view per set of channels, kept per catalogue). */
  view(channelIds: string[]): ChannelView
  stock: StockChecker
}

/** Where the state comes from; the service supplies these. */
export interface ServingSources {
  knex: () => Promise<Knex>
  settings: () => Promise<Record<Surface, SurfaceSettings>>
  rules: () => Promise<StoredRule[]>
  onError: (error: unknown) => void
}

/** The catalogue with what it was built from, so an unchanged part is not read again. */
interface Built {
  version: number
  loaded: LoadedModel | null
  stamp: string
  documents: ServingDocument[]
  catalogue: ServingCatalogue
}

export class ServingState {
  private readonly built: Refreshed<Built>
  private readonly settings: Refreshed<Record<Surface, SurfaceSettings>>
  private readonly rules: Refreshed<StoredRule[]>
  private compiled: { catalogue: ServingCatalogue; stored: StoredRule[]; rules: Rule[] } | undefined
  private views = new WeakMap<ServingCatalogue, Map<string, ChannelView>>()
  /** The newest view per set of channels: the next catalogue's view takes its stock answers. */
  private readonly latest = new Map<string, ChannelView>()
  private readonly stock = new StockChecker()

  constructor(sources: ServingSources) {
    const { knex, onError } = sources
    // Two cheap checks a second; the model or the documents are read again only when they
    // changed, and the catalogue is rebuilt off the request path (only the first request waits).
    this.built = new Refreshed(
      async (previous) => {
        const db = await knex()
        const [version, stamp] = await Promise.all([readCurrentVersion(db), readDocumentsStamp(db)])
        if (previous && previous.version === version && previous.stamp === stamp) return previous
        const loaded = previous?.version === version ? previous.loaded : version ? await readCurrentModel(db) : null
        const documents = previous?.stamp === stamp ? previous.documents : await readServingDocuments(db)
        return { version: loaded?.version ?? 0, loaded, stamp, documents, catalogue: await buildCatalogue(loaded, documents) }
      },
      SERVING.catalogueCheckMs,
      onError
    )
    this.settings = new Refreshed(() => sources.settings(), SERVING.settingsTtlMs, onError)
    this.rules = new Refreshed(() => sources.rules(), SERVING.settingsTtlMs, onError)
  }

  /** Settings or rules changed in this process: the next request reads them again first. */
  invalidateSettings(): void {
    this.settings.invalidate()
    this.rules.invalidate()
  }

  async snapshot(): Promise<ServingSnapshot> {
    const [{ catalogue }, settings, stored] = await Promise.all([this.built.get(), this.settings.get(), this.rules.get()])
    if (!this.compiled || this.compiled.catalogue !== catalogue || this.compiled.stored !== stored) {
      this.compiled = { catalogue, stored, rules: toEngineRules(stored, catalogue) }
    }
    return {
      catalogue,
      settings,
      rules: this.compiled.rules,
      view: (channelIds) => this.viewOf(catalogue, channelIds),
      stock: this.stock,
    }
  }

  private viewOf(catalogue: ServingCatalogue, channelIds: string[]): ChannelView {
    let views = this.views.get(catalogue)
    if (!views) this.views.set(catalogue, (views = new Map()))
    const key = channelKey(channelIds)
    let view = views.get(key)
    if (!view) {
      views.set(key, (view = new ChannelView(catalogue, channelIds, SERVING.stockTtlMs, this.latest.get(key))))
      this.latest.set(key, view)
    }
    return view
  }
}
