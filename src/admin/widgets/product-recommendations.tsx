import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import { useState } from "react"
import { CustomerPicker } from "../components/customer-picker"
import { RecommendationList } from "../components/recommendation-list"
import { useRecommendationPreview } from "../hooks/use-preview"
import { SURFACE_LABELS, type Surface } from "../lib/types"

/** Surfaces a product page shows, and the personal one previewed for a chosen customer. */
const WIDGET_SURFACES: Surface[] = ["also_bought", "related", "for_you"]

const SurfacePreview = ({ surface, productId, customerId }: { surface: Surface; productId: string; customerId?: string }) => {
  const seeded = surface !== "for_you"
  const { data, isError, error, isFetching } = useRecommendationPreview({
    surface,
    product_id: seeded ? productId : undefined,
    customer_id: customerId,
  })
  if (isError) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4">
        {error.message}
      </Text>
    )
  }
  if (!data) return null
  return (
    <div aria-busy={isFetching}>
      <RecommendationList surface={surface} products={data.products} seedProductId={seeded ? productId : undefined} />
    </div>
  )
}

/** The product's recommendation lists as the storefront gets them, with pin and exclude. */
const ProductRecommendationsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const [customerId, setCustomerId] = useState<string>()

  return (
    <Container className="divide-y p-0" data-testid="recommendations-widget">
      <div className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">Recommendations</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What the storefront shows with this product, with the current settings and rules.
          </Text>
        </div>
        <CustomerPicker value={customerId} onChange={setCustomerId} />
      </div>
      <Tabs defaultValue={WIDGET_SURFACES[0]}>
        <Tabs.List className="px-6 py-2">
          {WIDGET_SURFACES.map((surface) => (
            <Tabs.Trigger key={surface} value={surface}>
              {SURFACE_LABELS[surface]}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {WIDGET_SURFACES.map((surface) => (
          <Tabs.Content key={surface} value={surface}>
            <SurfacePreview surface={surface} productId={product.id} customerId={customerId} />
          </Tabs.Content>
        ))}
      </Tabs>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductRecommendationsWidget
