import { Button, Heading, Label, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { useUpdateSurfaceSettings } from "../hooks/use-settings"
import { SURFACE_LABELS, type Surface, type SurfaceSettings } from "../lib/types"
import { FallbackChain } from "./fallback-chain"
import { NumberField } from "./number-field"
import { WeightSliders } from "./weight-sliders"

type Props = {
  surface: Surface
  settings: SurfaceSettings
}

const FILTER_LABELS: Record<keyof SurfaceSettings["filters"], { label: string; hint: string }> = {
  available_only: { label: "In stock only", hint: "Leave out products that cannot be bought now." },
  exclude_cart: { label: "Hide what is in the cart", hint: "Leave out products already in the shopper's cart." },
  exclude_purchased: { label: "Hide what the customer bought", hint: "Leave out products the customer has ordered before." },
}

const Section = ({ title, description, children }: { title: string; description: string; children: ReactNode }) => (
  <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-[240px_1fr]">
    <div>
      <Heading level="h3">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    <div>{children}</div>
  </div>
)

/**
 * One surface's settings. Saved changes apply to the next storefront request: serving reads
 * settings per request, no retraining.
 */
export const SurfaceSettingsForm = ({ surface, settings }: Props) => {
  const [draft, setDraft] = useState(settings)
  const { mutateAsync, isPending } = useUpdateSurfaceSettings(surface)
  const prompt = usePrompt()
  const set = <K extends keyof SurfaceSettings>(key: K, value: SurfaceSettings[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings)

  const save = async (body: Partial<SurfaceSettings> & { reset?: boolean }) => {
    try {
      const { settings: saved } = await mutateAsync(body)
      setDraft(saved)
      toast.success(`${SURFACE_LABELS[surface]} settings saved`)
    } catch (error) {
      toast.error((error as Error).message)
    }
  }

  const reset = async () => {
    const confirmed = await prompt({
      title: "Reset to defaults?",
      description: `The ${SURFACE_LABELS[surface]} settings go back to the plugin's defaults.`,
      confirmText: "Reset",
      cancelText: "Cancel",
    })
    if (confirmed) await save({ reset: true })
  }

  return (
    <form
      className="divide-y"
      data-testid={`settings-${surface}`}
      onSubmit={(e) => {
        e.preventDefault()
        save(draft)
      }}
    >
      <Section title="Blend" description="How much each source counts. The bar shows each source's share of the score.">
        <WeightSliders value={draft.weights} onChange={(weights) => set("weights", weights)} />
      </Section>
      <Section title="Fallbacks" description="Sources that fill the list, in order, when the blend finds too few products.">
        <FallbackChain value={draft.fallbacks} onChange={(fallbacks) => set("fallbacks", fallbacks)} />
      </Section>
      <Section title="List" description="How many products the list shows, and the lowest score a product needs.">
        <div className="grid grid-cols-2 gap-4">
          <NumberField id={`${surface}-limit`} label="List length" value={draft.limit} onChange={(limit) => set("limit", limit)} />
          <NumberField
            id={`${surface}-min-score`}
            label="Minimum score"
            step={0.01}
            value={draft.min_score}
            onChange={(min_score) => set("min_score", min_score)}
          />
        </div>
      </Section>
      <Section title="Diversity" description="Trade relevance for variety, cap products per category, keep slots for new products.">
        <div className="grid grid-cols-3 gap-4">
          <NumberField
            id={`${surface}-lambda`}
            label="MMR lambda"
            hint="1 = relevance only, 0 = variety only"
            step={0.05}
            value={draft.diversity.lambda}
            onChange={(lambda) => set("diversity", { ...draft.diversity, lambda })}
          />
          <NumberField
            id={`${surface}-max-per-category`}
            label="Most per category"
            hint="0 = no cap"
            value={draft.diversity.max_per_category}
            onChange={(max_per_category) => set("diversity", { ...draft.diversity, max_per_category })}
          />
          <NumberField
            id={`${surface}-exploration-slots`}
            label="Exploration slots"
            hint="Places for fresh products"
            value={draft.diversity.exploration_slots}
            onChange={(exploration_slots) => set("diversity", { ...draft.diversity, exploration_slots })}
          />
        </div>
      </Section>
      <Section title="Filters" description="Products never shown on this surface.">
        <div className="flex flex-col gap-y-3">
          {(Object.keys(FILTER_LABELS) as (keyof SurfaceSettings["filters"])[]).map((key) => (
            <div key={key} className="flex items-start gap-x-3">
              <Switch
                id={`${surface}-${key}`}
                checked={draft.filters[key]}
                onCheckedChange={(checked) => set("filters", { ...draft.filters, [key]: checked })}
              />
              <div>
                <Label htmlFor={`${surface}-${key}`} size="small" weight="plus">
                  {FILTER_LABELS[key].label}
                </Label>
                <Text size="small" className="text-ui-fg-subtle">
                  {FILTER_LABELS[key].hint}
                </Text>
              </div>
            </div>
          ))}
        </div>
      </Section>
      <div className="flex items-center justify-end gap-x-2 px-6 py-4">
        <Button type="button" size="small" variant="secondary" onClick={reset} disabled={isPending}>
          Reset to defaults
        </Button>
        <Button type="button" size="small" variant="secondary" onClick={() => setDraft(settings)} disabled={!dirty || isPending}>
          Discard
        </Button>
        <Button type="submit" size="small" isLoading={isPending} disabled={!dirty}>
          Save
        </Button>
      </div>
    </form>
  )
}
