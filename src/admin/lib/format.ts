/** Display helpers shared by the settings page and the product widget. */

export const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "-")

/** Seconds between two timestamps, "-" while either is missing. */
export const formatDuration = (from: string | null, to: string | null) => {
  if (!from || !to) return "-"
  const seconds = (new Date(to).getTime() - new Date(from).getTime()) / 1000
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

export const formatNumber = (value: number | undefined) => (value === undefined ? "-" : value.toLocaleString())

export const formatScore = (value: number) => value.toFixed(3)

export const formatPercent = (value: number) => `${(value * 100).toFixed(1)}%`

/** A wait in milliseconds as people say it: "500 ms", "30 s", "5 min". */
export const formatWait = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${ms / 1000} s` : `${Math.round(ms / 6000) / 10} min`)
