import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Sparkles } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { AutoTuneSection } from "../../components/auto-tune-section"
import { QualitySection } from "../../components/quality-section"
import { RulesSection } from "../../components/rules-section"
import { SettingsSection } from "../../components/settings-section"
import { TrainingSection } from "../../components/training-section"

const RecommendationsPage = () => (
  <div className="flex flex-col gap-y-3">
    <Container className="px-6 py-4">
      <Heading level="h1">Recommendations</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        How the storefront's "also bought", "related", "complete your cart" and "for you" lists are made.
      </Text>
    </Container>
    <SettingsSection />
    <AutoTuneSection />
    <RulesSection />
    <TrainingSection />
    <QualitySection />
  </div>
)

export const config = defineRouteConfig({
  label: "Recommendations",
  icon: Sparkles,
})

export default RecommendationsPage
