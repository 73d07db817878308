import { Sparkles } from "@medusajs/icons"
import { Alert, Badge, Button, Container, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { isTuneActive, useAcceptTune, useLatestTune, useStartTune } from "../hooks/use-auto-tune"
import { formatDate, formatPercent, formatScore } from "../lib/format"
import { SOURCE_LABELS, SOURCES, SURFACE_LABELS, type TunedSurfaceName, type TuneRun, type TuneSurface } from "../lib/types"
import { ProgressBar } from "./progress-bar"

type Proposed = Extract<NonNullable<TuneRun["result"]>, { status: "proposed" }>

const STATUS_COLORS: Record<TuneRun["status"], "grey" | "blue" | "green" | "red"> = {
  queued: "grey",
  running: "blue",
  succeeded: "green",
  failed: "red",
}

const TUNED: TunedSurfaceName[] = ["also_bought", "for_you"]

const weight = (v: number) => String(Math.round(v * 1000) / 1000)

/** One table per surface: each searched setting and each figure, current beside proposed. */
const SurfaceTable = ({ name, surface }: { name: TunedSurfaceName; surface: TuneSurface }) => {
  const rows: { label: string; current: string; proposed: string }[] = [
    ...SOURCES.map((s) => ({
      label: `${SOURCE_LABELS[s]} weight`,
      current: weight(surface.current.weights[s]),
      proposed: weight(surface.proposed.weights[s]),
    })),
    { label: "Diversity (MMR lambda)", current: weight(surface.current.diversity.lambda), proposed: weight(surface.proposed.diversity.lambda) },
    {
      label: "Most per category",
      current: surface.current.diversity.max_per_category ? String(surface.current.diversity.max_per_category) : "no cap",
      proposed: surface.proposed.diversity.max_per_category ? String(surface.proposed.diversity.max_per_category) : "no cap",
    },
    { label: "NDCG@10", current: formatScore(surface.current_figures.ndcg), proposed: formatScore(surface.proposed_figures.ndcg) },
    {
      label: "Hit rate@10",
      current: formatPercent(surface.current_figures.hit_rate),
      proposed: formatPercent(surface.proposed_figures.hit_rate),
    },
    {
      label: "Coverage",
      current: surface.current_figures.coverage === null ? "-" : formatPercent(surface.current_figures.coverage),
      proposed: surface.proposed_figures.coverage === null ? "-" : formatPercent(surface.proposed_figures.coverage),
    },
  ]
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid={`auto-tune-${name}`}>
      <div className="flex items-center gap-x-2">
        <Heading level="h3">{SURFACE_LABELS[name]}</Heading>
        <Badge size="2xsmall" color={surface.changed ? "blue" : "grey"}>
          {surface.changed ? "change proposed" : "keep current"}
        </Badge>
        <Text size="small" className="text-ui-fg-subtle">
          {surface.skipped ?? `${surface.current_figures.cases} test cases, ${surface.evaluations} settings tried`}
        </Text>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Setting / figure</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Current</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Proposed</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.label}>
              <Table.Cell>{r.label}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{r.current}</Table.Cell>
              <Table.Cell className={`text-right tabular-nums ${r.current !== r.proposed ? "font-medium" : ""}`}>{r.proposed}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/**
 * "Auto-tune": searches the also-bought and for-you blend weights and diversity on the store's
 * own history (trained on the older orders, scored on the newest) and shows the best settings
 * found beside the current ones, with both sets of figures; "Accept" applies them.
 */
export const AutoTuneSection = () => {
  const { data, isError, error } = useLatestTune()
  const start = useStartTune()
  const accept = useAcceptTune()
  const run = data?.tune_run ?? null
  const active = isTuneActive(run)
  const result = run?.status === "succeeded" ? run.result : null
  const proposal = result?.status === "proposed" ? (result as Proposed) : null

  const onStart = () =>
    start.mutate(undefined, {
      onSuccess: ({ deduplicated }) => toast.success(deduplicated ? "An auto-tune is already pending" : "Auto-tune started"),
      onError: (e) => toast.error(e.message),
    })
  const onAccept = (id: string) =>
    accept.mutate(id, {
      onSuccess: () => toast.success("Proposed settings applied"),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid="auto-tune-section">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Auto-tune</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Tries blend weights and diversity for "Also bought" and "For you" on your own history (trained on the older orders,
            scored on the newest tenth) and proposes the best; nothing changes until you accept. Related and cart settings are not
            tuned.
          </Text>
        </div>
        <Button size="small" variant="secondary" className="shrink-0" onClick={onStart} isLoading={start.isPending} disabled={active}>
          <Sparkles />
          Auto-tune
        </Button>
      </div>
      {isError && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      )}
      {run && (
        <div className="flex items-center gap-x-2 px-6 py-3" data-testid="auto-tune-status">
          <StatusBadge color={STATUS_COLORS[run.status]}>{run.status}</StatusBadge>
          <Text size="small" className="text-ui-fg-subtle">
            {run.accepted_at
              ? `Accepted ${formatDate(run.accepted_at)}`
              : run.finished_at
                ? `Finished ${formatDate(run.finished_at)}`
                : `Requested ${formatDate(run.created_at)}`}
            {result?.timings?.total !== undefined && ` in ${result.timings.total.toFixed(1)} s`}
          </Text>
        </div>
      )}
      {run && active && (
        <div className="px-6 py-4">
          <ProgressBar value={run.progress} label={run.status === "queued" ? "Queued" : `Auto-tune${run.stage ? `: ${run.stage}` : ""}`} />
        </div>
      )}
      {run?.status === "failed" && (
        <div className="px-6 py-4">
          <Alert variant="error">Auto-tune failed: {run.error}</Alert>
        </div>
      )}
      {result?.status === "not_enough_history" && (
        <div className="px-6 py-4">
          <Alert variant="warning" data-testid="auto-tune-not-enough">
            Not enough history: {result.reason}.
          </Alert>
        </div>
      )}
      {run && proposal && (
        <>
          <Text size="small" className="text-ui-fg-subtle px-6 py-3">
            Scored on the newest {proposal.test_orders} of {proposal.orders} orders, trained on the {proposal.train_orders} before them.
            The proposal was chosen on these same orders, so expect a somewhat smaller gain live.
          </Text>
          {TUNED.map((name) => (
            <SurfaceTable key={name} name={name} surface={proposal.surfaces[name]} />
          ))}
          <div className="flex items-center justify-end gap-x-2 px-6 py-4">
            {!proposal.changed ? (
              <Text size="small" className="text-ui-fg-subtle">
                {TUNED.every((name) => proposal.surfaces[name].skipped)
                  ? "Too few test cases among the newest orders to compare settings: nothing to accept."
                  : "Your current settings scored best: nothing to accept."}
              </Text>
            ) : run.accepted_at ? (
              <Text size="small" className="text-ui-fg-subtle">
                Applied.
              </Text>
            ) : (
              <Button size="small" onClick={() => onAccept(run.id)} isLoading={accept.isPending} data-testid="auto-tune-accept">
                Accept proposed settings
              </Button>
            )}
          </div>
        </>
      )}
    </Container>
  )
}
