package io.cairn.config;

import java.time.Duration;

/**
 * @param backupCount synchronous backups of each session, 0 to 6
 * @param maxInactiveInterval default idle time after which a session expires
 * @param sweepInterval how often expired session rows are removed from PostgreSQL
 * @param sweepBatchSize maximum rows one sweep deletes per shard
 */
public record SessionSettings(int backupCount, Duration maxInactiveInterval, Duration sweepInterval, int sweepBatchSize) {

    public static final int DEFAULT_BACKUP_COUNT = 1;

    public static final Duration DEFAULT_MAX_INACTIVE_INTERVAL = Duration.ofMinutes(30);

    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

    /** Rows per shard and sweep. */
    public static final int DEFAULT_SWEEP_BATCH_SIZE = 1000;

    /** Returns the default session settings. */
    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_BACKUP_COUNT, DEFAULT_MAX_INACTIVE_INTERVAL, DEFAULT_SWEEP_INTERVAL,
                DEFAULT_SWEEP_BATCH_SIZE);
    }
}
