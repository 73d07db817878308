import { Text } from "@medusajs/ui"

export type ChartSeries = { name: string; className: string; values: number[] }

type Props = {
  /** One label per point, oldest first; the first and last are drawn. */
  labels: string[]
  series: ChartSeries[]
  format: (value: number) => string
}

const WIDTH = 320
const HEIGHT = 160
const PAD = { top: 10, right: 16, bottom: 22, left: 44 }

/** A line per series over the runs, on a shared 0-based scale. */
export const QualityChart = ({ labels, series, format }: Props) => {
  // All zeros still get a scale.
  const max = Math.max(...series.flatMap((s) => s.values)) || 1
  const x = (i: number) => PAD.left + (labels.length > 1 ? (i / (labels.length - 1)) * (WIDTH - PAD.left - PAD.right) : (WIDTH - PAD.left - PAD.right) / 2)
  const y = (v: number) => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom)
  const ticks = [0, max / 2, max]

  return (
    <div className="flex flex-col gap-y-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full" role="img" aria-label={series.map((s) => s.name).join(" and ")}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className="stroke-ui-border-base" strokeDasharray="2 4" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="fill-ui-fg-muted text-[10px]">
              {format(t)}
            </text>
          </g>
        ))}
        {/* The first and the last run: labels in between would overlap. */}
        {[...new Set([0, labels.length - 1])].map((i) => (
          <text key={i} x={x(i)} y={HEIGHT - 6} textAnchor={labels.length > 1 ? (i === 0 ? "start" : "end") : "middle"} className="fill-ui-fg-muted text-[10px]">
            {labels[i]}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.name} className={s.className}>
            <polyline fill="none" stroke="currentColor" strokeWidth={2} points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} />
            {s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r={3} fill="currentColor">
                <title>{`${s.name}: ${format(v)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <div className="flex gap-x-4">
        {series.map((s) => (
          <Text key={s.name} size="xsmall" className="flex items-center gap-x-1.5">
            <span className={`${s.className} inline-block h-0.5 w-4 bg-current`} />
            {s.name}
          </Text>
        ))}
      </div>
    </div>
  )
}
