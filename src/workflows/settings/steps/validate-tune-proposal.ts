import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { SurfaceSettings } from "../../../engine/types"
import { RECOMMENDATIONS_MODULE, type RecommendationsModuleService } from "../../../modules/recommendations"
import type { DeepPartial } from "../../../modules/recommendations/utils/settings"
import type { TunedValues, TuneOutcome } from "../../../training/tune"

export type TuneProposalChanges = Partial<Record<"also_bought" | "for_you", DeepPartial<SurfaceSettings>>>

export const validateTuneProposalStepId = "validate-recommendation-tune-proposal"

const sameValues = (a: TunedValues, s: SurfaceSettings) =>
  Object.entries(a.weights).every(([k, v]) => s.weights[k as keyof SurfaceSettings["weights"]] === v) &&
  a.diversity.lambda === s.diversity.lambda &&
  a.diversity.maxPerCategory === s.diversity.maxPerCategory

export type TuneProposalCheck =
  | { changes: TuneProposalChanges }
  | { problem: "not_found" | "conflict"; message: string }

/**
 * The settings changes an auto-tune proposes, once it is known they may be applied: the tune
 * exists, has finished with a proposal that changes something and was not accepted yet, and the
 * surfaces still have the settings it started from (the merchant changed them since: the figures
 * no longer compare with what is live). Otherwise why not.
 */
export async function checkTuneProposal(service: RecommendationsModuleService, id: string): Promise<TuneProposalCheck> {
  const [run] = await service.listTuneRuns({ id }, { take: 1 })
  if (!run) return { problem: "not_found", message: `Auto-tune with id: ${id} was not found` }
  const conflict = (message: string) => ({ problem: "conflict" as const, message })
  if (run.status === "queued" || run.status === "running") return conflict(`Auto-tune ${id} is ${run.status}: there is no proposal to accept yet`)
  if (run.status === "failed") return conflict(`Auto-tune ${id} failed (${run.error ?? "no reason given"}): there is no proposal to accept`)
  if (run.accepted_at) return conflict(`Auto-tune ${id} was already accepted at ${new Date(run.accepted_at).toISOString()}`)
  const result = run.result as TuneOutcome | null
  if (!result || result.status !== "proposed") {
    return conflict(`Auto-tune ${id} made no proposal: ${result && "reason" in result ? result.reason : "no result"}`)
  }
  if (!result.changed) return conflict(`Auto-tune ${id} proposes keeping the current settings: nothing to accept`)
  const changes: TuneProposalChanges = {}
  for (const surface of ["also_bought", "for_you"] as const) {
    const proposal = result.surfaces[surface]
    if (!proposal?.changed) continue
    const live = await service.getSettings(surface)
    if (!sameValues(proposal.current, live)) {
      return conflict(`The ${surface} settings changed since auto-tune ${id} ran: its figures no longer compare with them; run auto-tune again`)
    }
    changes[surface] = { weights: proposal.proposed.weights, diversity: proposal.proposed.diversity }
  }
  return { changes }
}

/**
 * Checks the proposal again under the workflow's settings locks (the route checks first, to
 * answer 409): a change that slipped in between fails the workflow before anything is written.
 */
export const validateTuneProposalStep = createStep(validateTuneProposalStepId, async ({ id }: { id: string }, { container }) => {
  const service = container.resolve<RecommendationsModuleService>(RECOMMENDATIONS_MODULE)
  const checked = await checkTuneProposal(service, id)
  if ("problem" in checked) {
    throw new MedusaError(checked.problem === "not_found" ? MedusaError.Types.NOT_FOUND : MedusaError.Types.NOT_ALLOWED, checked.message)
  }
  return new StepResponse(checked.changes)
})
