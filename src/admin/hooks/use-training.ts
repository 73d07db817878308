import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { useInvalidatePreviews } from "./use-preview"
import type { TrainingRun, TrainingSchedule } from "../lib/types"

const RUNS_KEY = ["recommendations", "training-runs"]

type RunsResponse = { training_runs: TrainingRun[]; count: number }

export const isRunActive = (run: TrainingRun) => run.status === "queued" || run.status === "running"

/** Runs newest first; polled every second while one is queued or running, for the progress bar. */
export const useTrainingRuns = (limit = 20) => {
  const queryClient = useQueryClient()
  const invalidatePreviews = useInvalidatePreviews()
  return useQuery({
    queryKey: [...RUNS_KEY, limit],
    queryFn: async () => {
      const before = queryClient.getQueryData<RunsResponse>([...RUNS_KEY, limit])
      const data = await sdk.client.fetch<RunsResponse>("/admin/recommendations/training-runs", { query: { limit } })
      // A run that just finished serves a new model: previews show it.
      if (before?.training_runs.some(isRunActive) && !data.training_runs.some(isRunActive)) {
        invalidatePreviews()
      }
      return data
    },
    refetchInterval: (query) => (query.state.data?.training_runs.some(isRunActive) ? 1000 : false),
  })
}

export const useRetrain = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ job_id: string; deduplicated: boolean; training_run: TrainingRun | null }>(
        "/admin/recommendations/train",
        { method: "POST", body: {} }
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RUNS_KEY }),
  })
}

export const useTrainingSchedule = () =>
  useQuery({
    queryKey: ["recommendations", "training-schedule"],
    queryFn: () => sdk.client.fetch<TrainingSchedule>("/admin/recommendations/training-schedule"),
  })
