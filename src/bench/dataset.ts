/** Where the benchmarks find UCI Online Retail: $RECS_DATASET, else ../shared/datasets beside the repo. */
import { existsSync } from "fs"
import { resolve } from "path"

export function onlineRetailPath(): string {
  const candidates = [
    process.env.RECS_DATASET,
    resolve(__dirname, "../../../../shared/datasets/online-retail.csv.gz"),
    resolve(__dirname, "../../../shared/datasets/online-retail.csv.gz"),
    resolve(process.cwd(), "../shared/datasets/online-retail.csv.gz"),
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`Online Retail not found; set RECS_DATASET (looked in ${candidates.join(", ")})`)
  return found
}
