import { Label, Text, clx } from "@medusajs/ui"
import { SOURCES, SOURCE_LABELS, type Source } from "../lib/types"

/** Highest weight a slider reaches: weights only count relative to each other. */
const MAX_WEIGHT = 2

const SOURCE_COLORS: Record<Source, string> = {
  cooccurrence: "bg-ui-tag-blue-icon",
  content: "bg-ui-tag-green-icon",
  personal: "bg-ui-tag-purple-icon",
  trending: "bg-ui-tag-orange-icon",
}

type Props = {
  value: Record<Source, number>
  onChange: (value: Record<Source, number>) => void
}

/**
 * One slider per source and, above them, each source's share of the blend: what a weight change
 * does to the mix is visible before saving.
 */
export const WeightSliders = ({ value, onChange }: Props) => {
  const total = SOURCES.reduce((sum, s) => sum + value[s], 0)
  const share = (s: Source) => (total > 0 ? value[s] / total : 0)

  return (
    <div className="flex flex-col gap-y-4">
      <div className="flex h-2 w-full overflow-hidden rounded-full bg-ui-bg-component" aria-label="Blend shares">
        {SOURCES.map((s) => (
          <div key={s} className={clx("h-full transition-all", SOURCE_COLORS[s])} style={{ width: `${share(s) * 100}%` }} />
        ))}
      </div>
      {SOURCES.map((s) => (
        <div key={s} className="grid grid-cols-[160px_1fr_96px] items-center gap-x-4">
          <Label htmlFor={`weight-${s}`} size="small" weight="plus" className="flex items-center gap-x-2">
            <span className={clx("size-2 rounded-full", SOURCE_COLORS[s])} />
            {SOURCE_LABELS[s]}
          </Label>
          <input
            id={`weight-${s}`}
            name={`weight-${s}`}
            type="range"
            min={0}
            max={MAX_WEIGHT}
            step={0.05}
            value={Math.min(value[s], MAX_WEIGHT)}
            onChange={(e) => onChange({ ...value, [s]: Number(e.target.value) })}
            className="accent-ui-fg-interactive w-full"
          />
          <Text size="small" className="text-ui-fg-subtle text-right tabular-nums">
            {value[s].toFixed(2)} · {Math.round(share(s) * 100)}%
          </Text>
        </div>
      ))}
    </div>
  )
}
