import { Module } from "@medusajs/framework/utils"
import trainingQueueLoader from "./loaders/training-queue"
import RecommendationsModuleService from "./service"

/** The module's name in the container: `container.resolve(RECOMMENDATIONS_MODULE)`. */
export const RECOMMENDATIONS_MODULE = "recommendations"

export default Module(RECOMMENDATIONS_MODULE, {
  service: RecommendationsModuleService,
  loaders: [trainingQueueLoader],
})

export { RecommendationsModuleService }
export * from "./types"
export type { ProductDocumentInput } from "./utils/product-documents"
