import { ArrowDownMini, ArrowUpMini } from "@medusajs/icons"
import { Checkbox, IconButton, Label, Text } from "@medusajs/ui"
import { FALLBACKS, FALLBACK_LABELS, type Fallback } from "../lib/types"

type Props = {
  value: Fallback[]
  onChange: (value: Fallback[]) => void
}

/**
 * The fallback chain: the sources used in order, then the unused ones. Moving a step changes the
 * order lists are filled in; unticking removes it from the chain.
 */
export const FallbackChain = ({ value, onChange }: Props) => {
  const unused = FALLBACKS.filter((f) => !value.includes(f))
  const move = (index: number, by: -1 | 1) => {
    const next = [...value]
    ;[next[index], next[index + by]] = [next[index + by], next[index]]
    onChange(next)
  }

  return (
    <ol className="flex flex-col gap-y-2">
      {[...value, ...unused].map((fallback, index) => {
        const used = index < value.length
        return (
          <li
            key={fallback}
            className="shadow-borders-base bg-ui-bg-component flex items-center gap-x-3 rounded-md px-3 py-2"
            data-testid={`fallback-${fallback}`}
          >
            <Checkbox
              id={`fallback-${fallback}`}
              checked={used}
              onCheckedChange={(checked) =>
                onChange(checked ? [...value, fallback] : value.filter((f) => f !== fallback))
              }
            />
            <Text size="small" className="text-ui-fg-muted w-4 tabular-nums">
              {used ? index + 1 : ""}
            </Text>
            <Label htmlFor={`fallback-${fallback}`} size="small" className="flex-1">
              {FALLBACK_LABELS[fallback]}
            </Label>
            <IconButton
              size="small"
              variant="transparent"
              type="button"
              aria-label={`Move ${FALLBACK_LABELS[fallback]} up`}
              disabled={!used || index === 0}
              onClick={() => move(index, -1)}
            >
              <ArrowUpMini />
            </IconButton>
            <IconButton
              size="small"
              variant="transparent"
              type="button"
              aria-label={`Move ${FALLBACK_LABELS[fallback]} down`}
              disabled={!used || index === value.length - 1}
              onClick={() => move(index, 1)}
            >
              <ArrowDownMini />
            </IconButton>
          </li>
        )
      })}
    </ol>
  )
}
