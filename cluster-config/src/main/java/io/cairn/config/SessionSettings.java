package io.cairn.config;

import java.time.Duration;

/**
 * @param backupCount synchronous backups of each session, 0 to 6
 * @param maxInactiveInterval default idle time after which a session expires
 * @param sweepInterval how often expired session rows are removed from PostgreSQL
 * @param sweepBatchSize maximum rows one sweep deletes per shard
 */
public record SessionSettings(int backupCount, Duration maxInactiveInterval, Duration sweepInterval, int sweepBatchSize) {
}
