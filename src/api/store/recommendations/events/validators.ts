import { z } from "@medusajs/framework/zod"
import { prebuilt } from "../validators"

/** What a storefront may report; purchases come only from orders. */
export const STOREFRONT_EVENT_TYPES = ["view", "click", "add_to_cart", "impression"] as const
export const MAX_EVENTS_PER_BATCH = 100
/** Clock skew allowed on `occurred_at`: a storefront's clock may run a little ahead. */
const MAX_FUTURE_MS = 5 * 60_000
const MAX_METADATA_CHARS = 2_000
const id = z.string().trim().min(1).max(200)

export const StoreRecommendationEvent = z
  .object({
    type: z.enum(STOREFRONT_EVENT_TYPES),
    product_id: id,
    variant_id: id.nullish(),
    /** The `recommendation_id` of the list the product was shown in. */
    recommendation_id: id.nullish(),
    occurred_at: z.iso
      .datetime({ offset: true, message: "must be an ISO 8601 date-time" })
      .refine((value) => Date.parse(value) <= Date.now() + MAX_FUTURE_MS, "is in the future")
      .optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .refine(
        (value) => JSON.stringify(value).length <= MAX_METADATA_CHARS,
        `is larger than ${MAX_METADATA_CHARS} characters of JSON`
      )
      .nullish(),
  })
  .strict()

/**
 * The batch's events, each checked on its own so that a refusal names the event and the field
 * with zod's own message (Medusa's error formatter reports any problem inside an array item as
 * "is required").
 */
const EventBatch = z
  .array(z.unknown())
  .min(1)
  .max(MAX_EVENTS_PER_BATCH)
  .transform((events, ctx) =>
    events.flatMap((event, i) => {
      const parsed = StoreRecommendationEvent.safeParse(event)
      if (parsed.success) return [parsed.data]
      for (const issue of parsed.error.issues) {
        const field = [i, ...issue.path].map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")
        ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: `events${field}: ${issue.message}` })
      }
      return []
    })
  )

export type StoreRecordRecommendationEventsType = z.infer<typeof StoreRecordRecommendationEvents>
export const StoreRecordRecommendationEvents = prebuilt(
  z
    .object({
      /** The anonymous visitor's id, kept by the storefront; required unless a customer is logged in. */
      session_id: id.optional(),
      events: EventBatch,
    })
    .strict()
)
