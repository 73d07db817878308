import { Alert, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTrainingRuns } from "../hooks/use-training"
import { formatPercent, formatScore } from "../lib/format"
import type { Evaluation, TaskMetrics, TrainingRun } from "../lib/types"
import { QualityChart } from "./quality-chart"

type Evaluated = Extract<Evaluation, { status: "evaluated" }>

const TASK_LABELS: Record<string, string> = { also_bought: "Also bought", for_you: "For you" }
const TASK_ORDER = Object.keys(TASK_LABELS)

const METRICS: { key: keyof TaskMetrics; label: string; format: (v: number) => string }[] = [
  { key: "ndcg", label: "NDCG", format: formatScore },
  { key: "hitRate", label: "Hit rate", format: formatPercent },
  { key: "coverage", label: "Coverage", format: formatPercent },
]

const evaluated = (run: TrainingRun): run is TrainingRun & { evaluation: Evaluated } => run.evaluation?.status === "evaluated"

/**
 * Each run's offline evaluation on the store's own history (trained on the past, tested on the
 * newest orders): the hybrid against the popularity baseline, over runs, with a warning when the
 * latest hybrid does worse.
 */
export const QualitySection = () => {
  const { data } = useTrainingRuns()
  const all = data?.training_runs ?? []
  const runs = all.filter(evaluated).reverse()
  // Why the newest finished run has no figures (too few orders, or the evaluation failed).
  const notEvaluated = all.find((r) => r.evaluation)?.evaluation
  // Tasks with test cases in some run: a task without any has no figures to draw.
  const withCases = runs.flatMap((r) => Object.entries(r.evaluation.tasks).filter(([, t]) => t.cases > 0).map(([name]) => name))
  const tasks = [...new Set(withCases)].sort(
    (a, b) => TASK_ORDER.indexOf(a) - TASK_ORDER.indexOf(b)
  )
  const [chosenTask, setTask] = useState<string>()
  const task = chosenTask && tasks.includes(chosenTask) ? chosenTask : tasks[0]
  const latest = runs[runs.length - 1]
  const latestTask = latest && task ? latest.evaluation.tasks[task] : undefined

  return (
    <Container className="divide-y p-0" data-testid="quality-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Quality</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each training is tested on the store's newest orders: the hybrid against recommending what is popular.
          </Text>
        </div>
        {tasks.length > 0 && (
          <div className="w-44">
            <Select size="small" value={task} onValueChange={setTask}>
              <Select.Trigger aria-label="Task">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {tasks.map((t) => (
                  <Select.Item key={t} value={t}>
                    {TASK_LABELS[t] ?? t}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        )}
      </div>
      {!latest || !task ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No evaluated training yet{notEvaluated && notEvaluated.status !== "evaluated" ? `: ${notEvaluated.reason}` : "."}
        </Text>
      ) : (
        <>
          {latest.evaluation.hybridBelowPopularity && (
            <div className="px-6 py-4">
              <Alert variant="warning" dismissible={false}>
                The latest training ranks worse than recommending the most popular products. More order history, or
                a higher trending weight, usually helps.
              </Alert>
            </div>
          )}
          <div className="grid grid-cols-1 gap-6 px-6 py-4 lg:grid-cols-3">
            {METRICS.map((m) => (
              <div key={m.key}>
                <Text size="small" weight="plus" className="mb-2">
                  {m.label}
                </Text>
                <QualityChart
                  labels={runs.map((r) =>
                    new Date(r.created_at).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
                  )}
                  format={m.format}
                  series={[
                    { name: "Hybrid", className: "text-ui-tag-blue-icon", values: runs.map((r) => r.evaluation.tasks[task]?.hybrid[m.key] ?? 0) },
                    { name: "Popularity", className: "text-ui-tag-orange-icon", values: runs.map((r) => r.evaluation.tasks[task]?.popularity[m.key] ?? 0) },
                  ]}
                />
              </div>
            ))}
          </div>
          {latestTask && (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Latest run ({latestTask.cases} test cases)</Table.HeaderCell>
                  {METRICS.map((m) => (
                    <Table.HeaderCell key={m.key} className="text-right">
                      {m.label}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {(["hybrid", "popularity"] as const).map((model) => (
                  <Table.Row key={model}>
                    <Table.Cell>{model === "hybrid" ? "Hybrid" : "Popularity"}</Table.Cell>
                    {METRICS.map((m) => (
                      <Table.Cell key={m.key} className="text-right tabular-nums">
                        {m.format(latestTask[model][m.key])}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </>
      )}
    </Container>
  )
}
