import { EllipsisHorizontal, Photo } from "@medusajs/icons"
import { Badge, DropdownMenu, IconButton, Table, Text, toast } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useCreateRule } from "../hooks/use-rules"
import { formatScore } from "../lib/format"
import type { RecommendedProduct, RuleInput, Surface } from "../lib/types"

type Props = {
  surface: Surface
  products: RecommendedProduct[]
  /** The product page the list is for; rules made here apply to it only. */
  seedProductId?: string
}

/**
 * A ranked list as the storefront gets it, with each item's reason, score and sources, and
 * actions that turn into rules: pin first, exclude.
 */
export const RecommendationList = ({ surface, products, seedProductId }: Props) => {
  const createRule = useCreateRule()
  const when = seedProductId ? { when: { product_ids: [seedProductId] } } : {}

  const addRule = (rule: RuleInput, done: string) =>
    createRule.mutate(
      { surfaces: [surface], ...when, ...rule },
      { onSuccess: () => toast.success(done), onError: (e) => toast.error(e.message) }
    )

  if (!products.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No recommendations for this surface yet.
      </Text>
    )
  }

  return (
    <Table data-testid={`preview-${surface}`}>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell className="w-8">#</Table.HeaderCell>
          <Table.HeaderCell>Product</Table.HeaderCell>
          <Table.HeaderCell>Reason</Table.HeaderCell>
          <Table.HeaderCell>Sources</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Score</Table.HeaderCell>
          <Table.HeaderCell className="w-8" />
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {products.map((p, index) => (
          <Table.Row key={p.id} data-testid="preview-item" data-product-id={p.id}>
            <Table.Cell className="tabular-nums">{index + 1}</Table.Cell>
            <Table.Cell>
              <Link to={`/products/${p.id}`} className="flex items-center gap-x-2">
                <div className="bg-ui-bg-component flex h-8 w-6 items-center justify-center overflow-hidden rounded">
                  {p.thumbnail ? <img src={p.thumbnail} alt="" className="h-full w-full object-cover" /> : <Photo className="text-ui-fg-subtle" />}
                </div>
                <span data-testid="preview-item-title" className="whitespace-nowrap">
                  {p.title ?? p.id}
                </span>
              </Link>
            </Table.Cell>
            <Table.Cell className="max-w-xs truncate" title={p.recommendation.reason}>
              {p.recommendation.reason}
            </Table.Cell>
            <Table.Cell>
              <div className="flex flex-wrap gap-1">
                {Object.entries(p.recommendation.sources).map(([source, score]) => (
                  <Badge key={source} size="2xsmall" title={formatScore(score)}>
                    {source}
                  </Badge>
                ))}
              </div>
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatScore(p.recommendation.score)}</Table.Cell>
            <Table.Cell>
              <DropdownMenu>
                <DropdownMenu.Trigger asChild>
                  <IconButton size="small" variant="transparent" aria-label={`Actions for ${p.title ?? p.id}`}>
                    <EllipsisHorizontal />
                  </IconButton>
                </DropdownMenu.Trigger>
                <DropdownMenu.Content>
                  <DropdownMenu.Item
                    onClick={() => addRule({ kind: "pin", items: [p.id], position: 0, note: "Pinned from the product page" }, `${p.title ?? p.id} pinned first`)}
                  >
                    Pin first
                  </DropdownMenu.Item>
                  <DropdownMenu.Item
                    onClick={() =>
                      addRule({ kind: "exclude", match: { product_ids: [p.id] }, note: "Excluded from the product page" }, `${p.title ?? p.id} excluded`)
                    }
                  >
                    Exclude
                  </DropdownMenu.Item>
                </DropdownMenu.Content>
              </DropdownMenu>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
