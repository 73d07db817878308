import { XMarkMini } from "@medusajs/icons"
import { Badge, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"
import { useEntityLabels, useEntitySearch, type EntityKind } from "../hooks/use-entity-search"

export const ENTITY_LABELS: Record<EntityKind, string> = {
  products: "Products",
  categories: "Categories",
  collections: "Collections",
  tags: "Tags",
  types: "Types",
}

type Props = {
  id: string
  kind: EntityKind
  value: string[]
  onChange: (ids: string[]) => void
}

/** Picks products, categories, collections, tags or types by searching Medusa's own lists. */
export const EntityPicker = ({ id, kind, value, onChange }: Props) => {
  const [q, setQ] = useState("")
  const [open, setOpen] = useState(false)
  const { data: results = [] } = useEntitySearch(kind, q)
  const { data: labels } = useEntityLabels(kind, value)
  const choices = results.filter((r) => !value.includes(r.id))

  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={id} size="small" weight="plus">
        {ENTITY_LABELS[kind]}
      </Label>
      {value.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {value.map((v) => (
            <Badge key={v} size="2xsmall" className="flex items-center gap-x-1">
              {labels?.get(v) ?? v}
              <button type="button" aria-label={`Remove ${labels?.get(v) ?? v}`} onClick={() => onChange(value.filter((x) => x !== v))}>
                <XMarkMini />
              </button>
            </Badge>
          ))}
        </div>
      )}
      <div className="relative">
        <Input
          id={id}
          size="small"
          type="search"
          placeholder={`Search ${ENTITY_LABELS[kind].toLowerCase()}`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        {open && (
          <ul role="listbox" className="bg-ui-bg-base shadow-elevation-flyout absolute z-10 mt-1 max-h-56 w-full overflow-auto rounded-lg p-1">
            {choices.length ? (
              choices.map((c) => (
                <li
                  key={c.id}
                  role="option"
                  aria-selected={false}
                  className="hover:bg-ui-bg-base-hover txt-compact-small cursor-pointer rounded-md px-2 py-1.5"
                  // Before the input's blur closes the list.
                  onMouseDown={(e) => {
                    e.preventDefault()
                    onChange([...value, c.id])
                  }}
                >
                  {c.label}
                </li>
              ))
            ) : (
              <Text size="small" className="text-ui-fg-subtle px-2 py-1.5">
                No results
              </Text>
            )}
          </ul>
        )}
      </div>
    </div>
  )
}
