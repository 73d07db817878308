import { Button, Checkbox, Drawer, Heading, Input, Label, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useCreateRule, useUpdateRule } from "../hooks/use-rules"
import { CONDITION_KEYS, ENTITY_KINDS, RULE_KIND_HINTS, RULE_KIND_LABELS, draftOf, ruleInputOf, type RuleDraft } from "../lib/rules"
import { RULE_KINDS, SURFACES, SURFACE_LABELS, type Rule, type RuleKind } from "../lib/types"
import { EntityPicker } from "./entity-picker"

type Props = {
  /** The rule to edit; none to add one. */
  rule?: Rule
  open: boolean
  onOpenChange: (open: boolean) => void
}

type Condition = RuleDraft["when"]

const ConditionPickers = ({ prefix, value, onChange }: { prefix: string; value: Condition; onChange: (v: Condition) => void }) => (
  <div className="flex flex-col gap-y-3">
    {ENTITY_KINDS.map((kind) => (
      <EntityPicker
        key={kind}
        id={`${prefix}-${kind}`}
        kind={kind}
        value={value[CONDITION_KEYS[kind]]}
        onChange={(ids) => onChange({ ...value, [CONDITION_KEYS[kind]]: ids })}
      />
    ))}
  </div>
)

const Field = ({ id, label, children }: { id: string; label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
  </div>
)

/** Adds or edits a rule: what it does, on which surfaces, for which products, on what. */
export const RuleDrawer = ({ rule, open, onOpenChange }: Props) => {
  const [draft, setDraft] = useState(() => draftOf(rule))
  const create = useCreateRule()
  const update = useUpdateRule(rule?.id ?? "")
  const saving = create.isPending || update.isPending
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const save = () => {
    const options = {
      onSuccess: () => {
        toast.success(rule ? "Rule saved" : "Rule added")
        onOpenChange(false)
      },
      onError: (e: Error) => toast.error(e.message),
    }
    if (rule) update.mutate(ruleInputOf(draft), options)
    else create.mutate(ruleInputOf(draft), options)
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title asChild>
            <Heading>{rule ? "Edit rule" : "Add rule"}</Heading>
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <Field id="rule-kind" label="Kind">
            <Select value={draft.kind} onValueChange={(kind) => set("kind", kind as RuleKind)}>
              <Select.Trigger id="rule-kind">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {RULE_KINDS.map((kind) => (
                  <Select.Item key={kind} value={kind}>
                    {RULE_KIND_LABELS[kind]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
            <Text size="small" className="text-ui-fg-subtle">
              {RULE_KIND_HINTS[draft.kind]}
            </Text>
          </Field>
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              Surfaces
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              None ticked: every surface.
            </Text>
            {SURFACES.map((surface) => (
              <div key={surface} className="flex items-center gap-x-2">
                <Checkbox
                  id={`rule-surface-${surface}`}
                  checked={draft.surfaces.includes(surface)}
                  onCheckedChange={(checked) =>
                    set("surfaces", checked ? [...draft.surfaces, surface] : draft.surfaces.filter((s) => s !== surface))
                  }
                />
                <Label htmlFor={`rule-surface-${surface}`} size="small">
                  {SURFACE_LABELS[surface]}
                </Label>
              </div>
            ))}
          </div>
          <div className="flex flex-col gap-y-3">
            <Heading level="h3">When the product shown is</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {draft.kind === "recommend_from" ? "Required." : "Nothing chosen: on every list."}
            </Text>
            <ConditionPickers prefix="rule-when" value={draft.when} onChange={(when) => set("when", when)} />
          </div>
          {draft.kind === "pin" ? (
            <div className="flex flex-col gap-y-3">
              <Heading level="h3">Pinned products</Heading>
              <EntityPicker id="rule-items" kind="products" value={draft.items} onChange={(items) => set("items", items)} />
              <Field id="rule-position" label="Position (0 = first)">
                <Input id="rule-position" size="small" type="number" value={draft.position} onChange={(e) => set("position", e.target.value)} />
              </Field>
            </div>
          ) : (
            <div className="flex flex-col gap-y-3">
              <Heading level="h3">{draft.kind === "recommend_from" ? "Recommend from" : "Products it acts on"}</Heading>
              <ConditionPickers
                prefix="rule-match"
                value={draft.match}
                onChange={(ids) => set("match", { ...draft.match, ...ids })}
              />
              <div className="grid grid-cols-2 gap-3">
                <Field id="rule-price-min" label="Price from">
                  <Input
                    id="rule-price-min"
                    size="small"
                    type="number"
                    value={draft.match.price_min}
                    onChange={(e) => set("match", { ...draft.match, price_min: e.target.value })}
                  />
                </Field>
                <Field id="rule-price-max" label="Price to">
                  <Input
                    id="rule-price-max"
                    size="small"
                    type="number"
                    value={draft.match.price_max}
                    onChange={(e) => set("match", { ...draft.match, price_max: e.target.value })}
                  />
                </Field>
              </div>
              {(draft.kind === "boost" || draft.kind === "bury") && (
                <Field id="rule-factor" label="Factor">
                  <Input id="rule-factor" size="small" type="number" step={0.1} value={draft.factor} onChange={(e) => set("factor", e.target.value)} />
                </Field>
              )}
            </div>
          )}
          <Field id="rule-note" label="Note">
            <Textarea id="rule-note" value={draft.note} onChange={(e) => set("note", e.target.value)} />
          </Field>
          <div className="flex items-center gap-x-2">
            <Switch id="rule-enabled" checked={draft.enabled} onCheckedChange={(enabled) => set("enabled", enabled)} />
            <Label htmlFor="rule-enabled" size="small">
              Enabled
            </Label>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={save} isLoading={saving}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
