import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useRecommendationSettings } from "../hooks/use-settings"
import { SURFACES, SURFACE_LABELS } from "../lib/types"
import { SurfaceSettingsForm } from "./surface-settings-form"

/** Every surface's blend, fallbacks, list, diversity and filters, a tab per surface. */
export const SettingsSection = () => {
  const { data, isError, error, dataUpdatedAt } = useRecommendationSettings()

  return (
    <Container className="p-0" data-testid="settings-section">
      <div className="px-6 py-4">
        <Heading level="h2">Surfaces</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Changes apply to the next storefront request, without retraining.
        </Text>
      </div>
      {isError && (
        <Text size="small" className="text-ui-fg-error px-6 pb-4">
          {error.message}
        </Text>
      )}
      {data && (
        <Tabs defaultValue={SURFACES[0]}>
          <Tabs.List className="px-6">
            {SURFACES.map((surface) => (
              <Tabs.Trigger key={surface} value={surface}>
                {SURFACE_LABELS[surface]}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {SURFACES.map((surface) => (
            <Tabs.Content key={surface} value={surface} className="border-t">
              {/* Keyed by fetch time: saved or reset settings replace the draft. */}
              <SurfaceSettingsForm key={`${surface}-${dataUpdatedAt}`} surface={surface} settings={data.settings[surface]} />
            </Tabs.Content>
          ))}
        </Tabs>
      )}
    </Container>
  )
}
