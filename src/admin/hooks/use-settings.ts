import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { useInvalidatePreviews } from "./use-preview"
import type { SettingsResponse, Surface, SurfaceSettings } from "../lib/types"

const SETTINGS_KEY = ["recommendations", "settings"]

export const useRecommendationSettings = () =>
  useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => sdk.client.fetch<SettingsResponse>("/admin/recommendations/settings"),
  })

/** Saves one surface: `reset` goes back to the defaults before applying `change`. */
export const useUpdateSurfaceSettings = (surface: Surface) => {
  const queryClient = useQueryClient()
  const invalidatePreviews = useInvalidatePreviews()
  return useMutation({
    mutationFn: (body: Partial<SurfaceSettings> & { reset?: boolean }) =>
      sdk.client.fetch<{ settings: SurfaceSettings }>(`/admin/recommendations/settings/${surface}`, {
        method: "POST",
        body,
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
      invalidatePreviews()
    },
  })
}
