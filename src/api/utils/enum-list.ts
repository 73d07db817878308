import { z } from "@medusajs/framework/zod"

/**
 * A list of distinct values from a fixed set. Medusa's error formatter reports an unknown enum
 * value inside an array as a missing field, so the check is a refinement whose message names
 * the field, the value and what is allowed.
 */
export function enumList<T extends string>(field: string, values: readonly T[]) {
  return z
    .array(z.string())
    .superRefine((list, ctx) => {
      const unknown = list.filter((v) => !values.includes(v as T))
      if (unknown.length) {
        ctx.addIssue({
          code: "custom",
          message: `${field}: unknown ${unknown.map((v) => `"${v}"`).join(", ")}; expected any of ${values.join(", ")}`,
        })
      } else if (new Set(list).size !== list.length) {
        ctx.addIssue({ code: "custom", message: `${field} must not list a value twice` })
      }
    })
    .transform((list) => list as T[])
}
