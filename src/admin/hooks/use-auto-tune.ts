import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { useInvalidatePreviews } from "./use-preview"
import type { TuneRun } from "../lib/types"

const TUNE_KEY = ["recommendations", "auto-tune"]
const SETTINGS_KEY = ["recommendations", "settings"]

export const isTuneActive = (run: TuneRun | null | undefined) => run?.status === "queued" || run?.status === "running"

/** The newest auto-tune; polled every second while it is queued or running. */
export const useLatestTune = () =>
  useQuery({
    queryKey: TUNE_KEY,
    queryFn: () => sdk.client.fetch<{ tune_run: TuneRun | null }>("/admin/recommendations/auto-tune"),
    refetchInterval: (query) => (isTuneActive(query.state.data?.tune_run) ? 1000 : false),
  })

export const useStartTune = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ job_id: string; deduplicated: boolean; tune_run: TuneRun | null }>("/admin/recommendations/auto-tune", {
        method: "POST",
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TUNE_KEY }),
  })
}

/** Applies a proposal; the settings form and previews reload with the new settings. */
export const useAcceptTune = () => {
  const queryClient = useQueryClient()
  const invalidatePreviews = useInvalidatePreviews()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ tune_run: TuneRun }>(`/admin/recommendations/auto-tune/${id}/accept`, { method: "POST", body: {} }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: TUNE_KEY })
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
      invalidatePreviews()
    },
  })
}
