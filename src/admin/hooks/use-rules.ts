import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { useInvalidatePreviews } from "./use-preview"
import type { Rule, RuleInput } from "../lib/types"

const RULES_KEY = ["recommendations", "rules"]

export const useRecommendationRules = (query: { limit: number; offset: number }) =>
  useQuery({
    queryKey: [...RULES_KEY, query],
    queryFn: () =>
      sdk.client.fetch<{ rules: Rule[]; count: number; offset: number; limit: number }>("/admin/recommendations/rules", {
        query: { ...query, order: "-created_at" },
      }),
  })

/** Rules change the next storefront request: rule lists and previews are refetched. */
const useInvalidateRules = () => {
  const queryClient = useQueryClient()
  const invalidatePreviews = useInvalidatePreviews()
  return () => {
    queryClient.invalidateQueries({ queryKey: RULES_KEY })
    invalidatePreviews()
  }
}

export const useCreateRule = () => {
  const onSuccess = useInvalidateRules()
  return useMutation({
    mutationFn: (rule: RuleInput) =>
      sdk.client.fetch<{ rule: Rule }>("/admin/recommendations/rules", { method: "POST", body: rule }),
    onSuccess,
  })
}

export const useUpdateRule = (id: string) => {
  const onSuccess = useInvalidateRules()
  return useMutation({
    mutationFn: (rule: RuleInput) =>
      sdk.client.fetch<{ rule: Rule }>(`/admin/recommendations/rules/${id}`, { method: "POST", body: rule }),
    onSuccess,
  })
}

export const useDeleteRule = () => {
  const onSuccess = useInvalidateRules()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/recommendations/rules/${id}`, { method: "DELETE" }),
    onSuccess,
  })
}
