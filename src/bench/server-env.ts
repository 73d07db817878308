/**
 * The server benchmark's environment, set before Medusa's modules are first loaded (its logger
 * reads LOG_LEVEL when imported): quiet logs, no telemetry, no admin bundle, and Medusa Cache on
 * (its `caching` feature flag), as Medusa runs a store in production (dev-store/medusa-config.ts).
 */
process.env.MEDUSA_DISABLE_TELEMETRY = "true"
process.env.LOG_LEVEL ??= "error"
process.env.DISABLE_MEDUSA_ADMIN = "true"
process.env.MEDUSA_FF_CACHING ??= "true"
