import { Module } from "@medusajs/framework/utils"
import RecommendationsModuleService from "./service"

/** The module's name in the container: `container.resolve(RECOMMENDATIONS_MODULE)`. */
export const RECOMMENDATIONS_MODULE = "recommendations"

export default Module(RECOMMENDATIONS_MODULE, {
  service: RecommendationsModuleService,
})

export { RecommendationsModuleService }
export * from "./types"
