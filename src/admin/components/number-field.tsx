import { Hint, Input, Label } from "@medusajs/ui"

type Props = {
  id: string
  label: string
  hint?: string
  value: number
  step?: number
  onChange: (value: number) => void
}

/** A labelled number input. Out-of-range values are left for the API to refuse with its message. */
export const NumberField = ({ id, label, hint, value, step = 1, onChange }: Props) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    <Input id={id} name={id} type="number" size="small" step={step} value={value} onChange={(e) => onChange(e.target.valueAsNumber)} />
    {hint && <Hint>{hint}</Hint>}
  </div>
)
