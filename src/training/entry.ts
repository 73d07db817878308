/**
 * The training process's entry (the queue runs the compiled `entry.js`, see types.ts): opens its
 * own connection to the store's database from `context.args`, runs one training (or auto-tune), and closes the
 * connection whatever happens.
 */
import type { TrainingEntryContext } from "../queue/types"
import { openTrainingDatabase, trainingArgs } from "./database"
import { runTraining, type TrainingSummary } from "./run"
import { runTune, type TuneOutcome } from "./tune"

export default async function trainingEntry(context: TrainingEntryContext): Promise<TrainingSummary | TuneOutcome> {
  const knex = openTrainingDatabase(trainingArgs(context.args))
  try {
    // An auto-tune job runs in the same process and queue as training, one at a time.
    return context.trigger === "tune" ? await runTune(knex, context) : await runTraining(knex, context)
  } finally {
    // A connection that will not close must not hide how the run ended.
    await knex.destroy().catch(() => undefined)
  }
}
