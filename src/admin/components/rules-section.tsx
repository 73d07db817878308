import { EllipsisHorizontal, PencilSquare, Plus, Trash } from "@medusajs/icons"
import { Badge, Button, Container, DropdownMenu, Heading, IconButton, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useDeleteRule, useRecommendationRules } from "../hooks/use-rules"
import { RULE_KIND_LABELS, describeCondition } from "../lib/rules"
import { SURFACE_LABELS, type Rule } from "../lib/types"
import { RuleDrawer } from "./rule-drawer"

const PAGE_SIZE = 20

const actsOn = (rule: Rule) => {
  if (rule.kind === "pin") {
    const items = rule.items?.length ?? 0
    return `${items} product${items === 1 ? "" : "s"} at position ${rule.position ?? 0}`
  }
  const match = describeCondition(rule.match)
  return rule.factor !== null ? `${match} × ${rule.factor}` : match
}

/** Pins, exclusions, boosts, buries and conditional rules: applied on the next storefront request. */
export const RulesSection = () => {
  const [offset, setOffset] = useState(0)
  const { data, isError, error } = useRecommendationRules({ limit: PAGE_SIZE, offset })
  const remove = useDeleteRule()
  const prompt = usePrompt()
  // A drawer per opening (keyed), so its draft starts from the rule it edits.
  const [editing, setEditing] = useState<{ rule?: Rule; key: number }>()
  const rules = data?.rules ?? []
  const count = data?.count ?? 0

  const confirmDelete = async (rule: Rule) => {
    const confirmed = await prompt({
      title: "Delete rule?",
      description: `The ${RULE_KIND_LABELS[rule.kind].toLowerCase()} rule stops applying at once.`,
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    remove.mutate(rule.id, { onSuccess: () => toast.success("Rule deleted"), onError: (e) => toast.error(e.message) })
  }

  return (
    <Container className="divide-y p-0" data-testid="rules-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Rules</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Merchandising on top of the models; changes apply to the next storefront request.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setEditing({ key: Date.now() })}>
          <Plus />
          Add rule
        </Button>
      </div>
      {isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : !rules.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No rules yet.
        </Text>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Kind</Table.HeaderCell>
                <Table.HeaderCell>When the product is</Table.HeaderCell>
                <Table.HeaderCell>Acts on</Table.HeaderCell>
                <Table.HeaderCell>Surfaces</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell className="w-8" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rules.map((rule) => (
                <Table.Row key={rule.id} data-testid="rule-row" title={rule.note ?? undefined}>
                  <Table.Cell>
                    <Badge size="2xsmall">{RULE_KIND_LABELS[rule.kind]}</Badge>
                  </Table.Cell>
                  <Table.Cell>{describeCondition(rule.when)}</Table.Cell>
                  <Table.Cell>{actsOn(rule)}</Table.Cell>
                  <Table.Cell>{rule.surfaces?.map((s) => SURFACE_LABELS[s]).join(", ") ?? "All"}</Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={rule.enabled ? "green" : "grey"}>{rule.enabled ? "Enabled" : "Disabled"}</StatusBadge>
                  </Table.Cell>
                  <Table.Cell>
                    <DropdownMenu>
                      <DropdownMenu.Trigger asChild>
                        <IconButton size="small" variant="transparent" aria-label="Rule actions">
                          <EllipsisHorizontal />
                        </IconButton>
                      </DropdownMenu.Trigger>
                      <DropdownMenu.Content>
                        <DropdownMenu.Item className="gap-x-2" onClick={() => setEditing({ rule, key: Date.now() })}>
                          <PencilSquare className="text-ui-fg-subtle" />
                          Edit
                        </DropdownMenu.Item>
                        <DropdownMenu.Item className="gap-x-2" onClick={() => confirmDelete(rule)}>
                          <Trash className="text-ui-fg-subtle" />
                          Delete
                        </DropdownMenu.Item>
                      </DropdownMenu.Content>
                    </DropdownMenu>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={offset / PAGE_SIZE}
            pageCount={Math.max(1, Math.ceil(count / PAGE_SIZE))}
            canPreviousPage={offset > 0}
            canNextPage={offset + PAGE_SIZE < count}
            previousPage={() => setOffset(offset - PAGE_SIZE)}
            nextPage={() => setOffset(offset + PAGE_SIZE)}
          />
        </>
      )}
      {editing && (
        <RuleDrawer key={editing.key} rule={editing.rule} open onOpenChange={(open) => !open && setEditing(undefined)} />
      )}
    </Container>
  )
}
