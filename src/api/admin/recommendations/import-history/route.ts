import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importHistoryWorkflow } from "../../../../workflows/import-history"
import type { AdminImportRecommendationsHistoryType } from "../validators"

/**
 * Imports the catalogue and past orders (only what is missing), then requests a training.
 * Answers when the import is done, with what it read and recorded.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminImportRecommendationsHistoryType>,
  res: MedusaResponse
) => {
  const { result } = await importHistoryWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({
    products: result.products,
    orders: result.orders,
    recorded: result.recorded,
    training: result.training,
  })
}
