/**
 * What the demo's store setup (seed.ts, run by `medusa exec`) hands the runner (run.ts): one
 * output line, apart from Medusa's logs. Its own file so the runner does not load Medusa's flows.
 */
export const SETUP_LINE = "demo-setup: "

export type DemoSetup = {
  publishableKey: string
  regionId: string
  shoppers: { email: string; password: string; name: string; orders: number }[]
}
