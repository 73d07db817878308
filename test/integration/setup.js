// Environment of the integration tests, read by @medusajs/test-utils when it is first required.
// The runner creates (and drops) its own database on this server, named after a random id.
process.env.MEDUSA_DISABLE_TELEMETRY = "true"
process.env.NODE_ENV ??= "test"
// "localhost", not 127.0.0.1: the runner turns on SSL for any database URL without "localhost".
process.env.DB_HOST ??= "localhost"
process.env.DB_PORT ??= "5432"
process.env.DB_USERNAME ??= "postgres"
process.env.DB_PASSWORD ??= ""
// Medusa logs every migration at "info"; keep the test output to what failed.
process.env.LOG_LEVEL ??= "error"
// The plugin's scheduled work would import, refresh and train in the middle of tests that count
// training runs, model versions and documents: the history import (every minute until it has
// run, and the runner restores the database before each test, so again and again; signals.spec.ts
// runs it on purpose), and the nightly catalogue refresh and training (a run crossing 02:30 or
// 03:00).
process.env.RECOMMENDATIONS_IMPORT_HISTORY ??= "false"
process.env.RECOMMENDATIONS_SCHEDULE ??= "off"
