import { ArrowPath } from "@medusajs/icons"
import { Button, Container, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { isRunActive, useRetrain, useTrainingRuns, useTrainingSchedule } from "../hooks/use-training"
import { formatDate, formatDuration, formatNumber, formatWait } from "../lib/format"
import type { TrainingRun } from "../lib/types"
import { ProgressBar } from "./progress-bar"

const STATUS_COLORS: Record<TrainingRun["status"], "grey" | "blue" | "green" | "red"> = {
  queued: "grey",
  running: "blue",
  succeeded: "green",
  failed: "red",
}

/** "Retrain now", the live progress of a running training and the history of runs. */
export const TrainingSection = () => {
  const { data, isLoading, isError, error } = useTrainingRuns()
  const retrain = useRetrain()
  const { data: schedule } = useTrainingSchedule()
  const runs = data?.training_runs ?? []
  const active = runs.find(isRunActive)

  const start = () =>
    retrain.mutate(undefined, {
      onSuccess: ({ deduplicated }) =>
        toast.success(deduplicated ? "A training is already pending: it starts now" : "Training started"),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid="training-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Training</Heading>
          <Text size="small" className="text-ui-fg-subtle" data-testid="training-schedule">
            {schedule &&
              `Retrains ${formatWait(schedule.debounce_ms)} after new orders or catalogue changes; ${
                schedule.schedule
                  ? `in full on the schedule "${schedule.schedule}"${schedule.timezone ? ` (${schedule.timezone})` : ""}`
                  : "no scheduled full retraining"
              }. Set by the plugin's options debounceMs and schedule.`}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={start} isLoading={retrain.isPending} disabled={!!active}>
          <ArrowPath />
          Retrain now
        </Button>
      </div>
      {active && (
        <div className="px-6 py-4">
          <ProgressBar
            value={active.progress}
            label={active.status === "queued" ? "Queued" : `Training${active.stage ? `: ${active.stage}` : ""}`}
          />
        </div>
      )}
      {isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : !isLoading && !runs.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No training yet.
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Trigger</Table.HeaderCell>
              <Table.HeaderCell>Started</Table.HeaderCell>
              <Table.HeaderCell>Duration</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Products</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {runs.map((run) => (
              <Table.Row key={run.id} data-testid="training-run" title={run.error ?? undefined}>
                <Table.Cell>
                  <StatusBadge color={STATUS_COLORS[run.status]}>{run.status}</StatusBadge>
                </Table.Cell>
                <Table.Cell>{run.trigger}</Table.Cell>
                <Table.Cell>{formatDate(run.started_at)}</Table.Cell>
                <Table.Cell>{formatDuration(run.started_at, run.finished_at)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{formatNumber(run.counts?.orders)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{formatNumber(run.counts?.products)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
