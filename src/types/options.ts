/**
 * Options a store gives this plugin in `medusa-config.ts`:
 * `plugins: [{ resolve: "medusa-plugin-recommendations", options }]`. Medusa hands them to the
 * plugin's module (`recommendations`) as its module options.
 */
export type RecommendationsPluginOptions = {
  /**
   * Redis of the training queue (BullMQ queue "recommendations"). Default: the store's
   * `projectConfig.redisUrl`. Neither: an in-process queue (development only; one warning).
   */
  redisUrl?: string
  /** BullMQ key prefix, for several stores sharing one Redis. Default "bull". */
  queuePrefix?: string
  /** How long orders and catalogue changes wait before the training they trigger. Default 5 minutes. */
  debounceMs?: number
  /**
   * Cron pattern of the full retraining, or false for none (and no nightly catalogue refresh, which
   * otherwise runs at 02:30). Default nightly at 03:00.
   */
  schedule?: string | false
  /** IANA timezone of `schedule`. Default the server's. */
  timezone?: string
  /** Import past orders and the existing catalogue once, on the first start. Default true. */
  importHistory?: boolean
  /** Absolute path of the training entry module. Default the plugin's own (`training/entry.js`). */
  trainingEntry?: string
}
