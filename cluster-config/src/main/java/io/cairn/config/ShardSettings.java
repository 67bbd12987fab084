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

    /** Prefix that every shard's JDBC URL must start with. */
    public static final String JDBC_URL_PREFIX = "jdbc:postgresql://";

    /** Connections per shard and member. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 4;

    /** Rows per second; zero means no limit. */
    public static final int DEFAULT_MAX_ROWS_PER_SECOND = 0;

    public static final int DEFAULT_MAX_CONCURRENT_LOADS = 16;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /** Returns the name a shard gets when YAML leaves it out: {@code shard-<index>}. */
    public static String defaultName(int index) {
        return "shard-" + index;
    }

    /** Returns a shard with the given connection and every limit at its default. */
    public static ShardSettings of(String name, String jdbcUrl, String username, String password) {
        return new ShardSettings(name, jdbcUrl, username, password, DEFAULT_POOL_SIZE, DEFAULT_MAX_CONCURRENT_BATCHES,
                DEFAULT_MAX_ROWS_PER_SECOND, DEFAULT_MAX_CONCURRENT_LOADS, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT);
    }

    @Override
    public String toString() {
        return "ShardSettings{name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", poolSize=" + poolSize + ", maxConcurrentBatches=" + maxConcurrentBatches
                + ", maxRowsPerSecond=" + maxRowsPerSecond + ", maxConcurrentLoads=" + maxConcurrentLoads + '}';
    }
}
