package io.cairn.config;

import java.time.Duration;

/**
 * @param flushInterval pause between flush rounds on each member
 * @param batchSize maximum rows in one upsert statement
 * @param maxDirtyEntries dirty entries a member may hold before writes fail with a backpressure error
 * @param retryInitialBackoff first pause after a failed batch
 * @param retryMaxBackoff longest pause between retries of a failing shard
 * @param circuitFailureThreshold consecutive failures that open a shard's circuit breaker
 * @param tombstoneRetention how long deleted rows stay in PostgreSQL as a fence against late, older writes
 * @param shutdownFlushTimeout how long a stopping node waits for its dirty entries to be written
 */
public record WriteBehindSettings(
        Duration flushInterval,
        int batchSize,
        int maxDirtyEntries,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        int circuitFailureThreshold,
        Duration tombstoneRetention,
        Duration shutdownFlushTimeout) {
}
