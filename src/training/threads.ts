/**
 * Worker threads a store's training gives the co-purchase rows: one core is left to the HTTP
 * server. On a 2-core machine two training threads, nice as they are, competed with the server
 * (its garbage collector's threads among them) for the second core; training is a background
 * job, a little slower on one thread. The offline command and benchmarks keep the engine's default.
 */
import { availableParallelism } from "os"

export const TRAINING_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1))
