package io.cairn.config;

import java.time.Duration;

/**
 * One PostgreSQL shard.
 *
 * @param name shard name used in logs, metrics and the shard map
 * @param jdbcUrl JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param username database user
 * @param password database password; never logged
 * @param poolSize maximum connections in this shard's pool
 * @param maxConcurrentBatches flush batches that may run at once against this shard
 * @param maxRowsPerSecond rows per second the flusher may write to this shard; zero means no limit
 * @param maxConcurrentLoads read-through loads that may run at once against this shard
 * @param connectTimeout time to wait for a connection from the pool
 * @param statementTimeout time after which PostgreSQL cancels a statement
 */
public record ShardSettings(
        String name,
        String jdbcUrl,
        String username,
        String password,
        int poolSize,
        int maxConcurrentBatches,
        int maxRowsPerSecond,
        int maxConcurrentLoads,
        Duration connectTimeout,
        Duration statementTimeout) {

    @Override
    public String toString() {
        return "ShardSettings{name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", poolSize=" + poolSize + ", maxConcurrentBatches=" + maxConcurrentBatches
                + ", maxRowsPerSecond=" + maxRowsPerSecond + ", maxConcurrentLoads=" + maxConcurrentLoads + '}';
    }
}
