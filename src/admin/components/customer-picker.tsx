import { Input, Label, Select } from "@medusajs/ui"
import { useState } from "react"
import { useCustomerSearch } from "../hooks/use-customers"

const ANONYMOUS = "anonymous"

type Props = {
  value: string | undefined
  onChange: (customerId: string | undefined) => void
}

/** Picks whose history the personal surfaces are previewed with; none = an anonymous shopper. */
export const CustomerPicker = ({ value, onChange }: Props) => {
  const [q, setQ] = useState("")
  const { data } = useCustomerSearch(q)
  const customers = data?.customers ?? []
  const name = (c: (typeof customers)[number]) => {
    const full = [c.first_name, c.last_name].filter(Boolean).join(" ")
    return full ? `${full} (${c.email})` : c.email
  }

  return (
    <div className="flex items-end gap-x-2">
      <div className="flex flex-col gap-y-1">
        <Label size="xsmall" htmlFor="preview-customer-search" className="text-ui-fg-subtle">
          Preview as customer
        </Label>
        <Input
          id="preview-customer-search"
          size="small"
          type="search"
          placeholder="Search customers"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="w-64">
        <Select size="small" value={value ?? ANONYMOUS} onValueChange={(v) => onChange(v === ANONYMOUS ? undefined : v)}>
          <Select.Trigger aria-label="Customer">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ANONYMOUS}>Anonymous shopper</Select.Item>
            {customers.map((c) => (
              <Select.Item key={c.id} value={c.id}>
                {name(c)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
    </div>
  )
}
