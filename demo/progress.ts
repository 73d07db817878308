/**
 * The demo's progress display: one line per step with its duration, and a bar for steps that
 * count (products created, orders imported, training). On a terminal the bar redraws in place;
 * in a log it is printed at every tenth.
 */
const tty = process.stdout.isTTY === true
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`

export type Step = {
  /** done of total, under a label ("products", "training"). */
  progress: (label: string, done: number, total: number) => void
  note: (text: string) => void
}

function bar(fraction: number, width = 24): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width)
  return "█".repeat(full) + "░".repeat(width - full)
}

export async function step<T>(title: string, run: (step: Step) => Promise<T>, detail?: (result: T) => string): Promise<T> {
  const since = Date.now()
  let drawn = false
  const lastTenth = new Map<string, number>()
  const clear = () => {
    if (drawn) process.stdout.write("\r\x1b[2K")
    drawn = false
  }
  process.stdout.write(`• ${title}…\n`)
  const handle: Step = {
    progress(label, done, total) {
      const fraction = total ? done / total : 1
      const text = `  ${label.padEnd(10)} ${bar(fraction)} ${done}/${total}`
      if (tty) {
        clear()
        process.stdout.write(text)
        drawn = true
        return
      }
      const tenth = Math.floor(fraction * 10)
      if (tenth !== lastTenth.get(label)) {
        lastTenth.set(label, tenth)
        process.stdout.write(text + "\n")
      }
    },
    note(text) {
      clear()
      process.stdout.write(`  ${text}\n`)
    },
  }
  try {
    const result = await run(handle)
    clear()
    process.stdout.write(`✓ ${title} (${seconds(since)})${detail ? `: ${detail(result)}` : ""}\n`)
    return result
  } catch (error) {
    clear()
    process.stdout.write(`✗ ${title} (${seconds(since)})\n`)
    throw error
  }
}
