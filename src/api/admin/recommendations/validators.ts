import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { TRAINING_RUN_STATUSES, TRAINING_TRIGGERS } from "../../../modules/recommendations/models"

export const AdminTrainRecommendations = z.object({}).strict()

export type AdminGetTrainingRunsParamsType = z.infer<typeof AdminGetTrainingRunsParams>
export const AdminGetTrainingRunsParams = createFindParams({ order: "-created_at" })
  .extend({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    status: z.enum(TRAINING_RUN_STATUSES).optional(),
    trigger: z.enum(TRAINING_TRIGGERS).optional(),
  })
  .strict()

export const AdminGetTrainingRunParams = createSelectParams().strict()

export type AdminImportRecommendationsHistoryType = z.infer<typeof AdminImportRecommendationsHistory>
export const AdminImportRecommendationsHistory = z
  .object({
    /** Orders (and products) read per query. */
    page_size: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
