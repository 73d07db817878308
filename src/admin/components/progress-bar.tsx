import { Text } from "@medusajs/ui"

/** A determinate progress bar, 0..1. */
export const ProgressBar = ({ value, label }: { value: number; label: string }) => (
  <div className="flex flex-col gap-y-1">
    <div className="flex justify-between">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" className="text-ui-fg-subtle tabular-nums">
        {Math.round(value * 100)}%
      </Text>
    </div>
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
      className="bg-ui-bg-component h-2 w-full overflow-hidden rounded-full"
    >
      <div className="bg-ui-fg-interactive h-full transition-[width] duration-500" style={{ width: `${value * 100}%` }} />
    </div>
  </div>
)
