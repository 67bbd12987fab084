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

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

    /** Rows per upsert statement. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** Dirty entries per member. */
    public static final int DEFAULT_MAX_DIRTY_ENTRIES = 100_000;

    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(100);

    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);

    /** Consecutive failed batches. */
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;

    public static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofMinutes(10);

    public static final Duration DEFAULT_SHUTDOWN_FLUSH_TIMEOUT = Duration.ofSeconds(60);

    /** Returns the default write-behind settings. */
    public static WriteBehindSettings defaults() {
        return new WriteBehindSettings(DEFAULT_FLUSH_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_MAX_DIRTY_ENTRIES,
                DEFAULT_RETRY_INITIAL_BACKOFF, DEFAULT_RETRY_MAX_BACKOFF, DEFAULT_CIRCUIT_FAILURE_THRESHOLD,
                DEFAULT_TOMBSTONE_RETENTION, DEFAULT_SHUTDOWN_FLUSH_TIMEOUT);
    }
}
