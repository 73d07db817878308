import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

/** Customers matching a search, for the "preview as customer" picker. */
export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: ["recommendations", "customers", q],
    queryFn: () => sdk.admin.customer.list({ q: q || undefined, limit: 20, fields: "id,email,first_name,last_name" }),
    placeholderData: keepPreviousData,
  })
