import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"

/** Starting an auto-tune takes no options: it searches the grid named in the engine's TUNE. */
export const AdminStartAutoTune = z.object({}).strict()

export const AdminAcceptAutoTune = z.object({}).strict()

export const AdminGetTuneRunParams = createSelectParams().strict()
