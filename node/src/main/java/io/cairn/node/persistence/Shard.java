package io.cairn.node.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cairn.config.ShardSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One PostgreSQL shard as the member uses it: its own connection pool, JDBI, circuit breaker,
 * row rate limit, load limit, batch executor and metrics. Nothing here is shared between shards,
 * so a slow or failed shard holds back only its own entries.
 */
final class Shard implements AutoCloseable {

    private static final long POOL_VALIDATION_TIMEOUT_MILLIS = 2_000;

    final String name;
    final ShardSettings settings;
    final ShardStore store;
    final CircuitBreaker circuitBreaker;
    final RowRateLimiter rateLimiter;
    final Semaphore loadPermits;
    final ExecutorService batchExecutor;

    /** True while a flush job of this shard runs; a round skips a busy shard. */
    final AtomicBoolean busy = new AtomicBoolean();

    /** Time of the last WARN about a failed read-through load, to log at most one per interval. */
    final AtomicLong lastLoadWarningMillis = new AtomicLong();

    /** Dirty rows seen for this shard in the last round, over all maps. */
    final AtomicLong dirtyRows = new AtomicLong();

    final Counter rowsFlushed;
    final Counter statements;
    final Counter retries;
    final Counter deadLetters;
    final Counter loadHits;
    final Counter loadMisses;
    final Counter loadFailures;
    final Timer batchLatency;
    final Timer flushLag;

    private final HikariDataSource dataSource;

    Shard(ShardSettings settings, Collection<String> mapNames, CircuitBreaker circuitBreaker, MeterRegistry meters,
          String memberName) {
        this.name = settings.name();
        this.settings = settings;
        this.dataSource = new HikariDataSource(poolConfig(settings, memberName));
        this.store = new ShardStore(Jdbi.create(dataSource), mapNames);
        this.circuitBreaker = circuitBreaker;
        this.rateLimiter = new RowRateLimiter(settings.maxRowsPerSecond());
        this.loadPermits = new Semaphore(settings.maxConcurrentLoads());
        this.batchExecutor = Executors.newFixedThreadPool(settings.maxConcurrentBatches(), runnable -> {
            Thread thread = new Thread(runnable, "cairn-flush-" + name);
            thread.setDaemon(true);
            return thread;
        });

        this.rowsFlushed = Counter.builder("cairn.flush.rows").tag("shard", name)
                .description("Rows written to PostgreSQL by the flusher").register(meters);
        this.statements = Counter.builder("cairn.flush.statements").tag("shard", name)
                .description("Upsert statements sent to PostgreSQL").register(meters);
        this.retries = Counter.builder("cairn.flush.retries").tag("shard", name)
                .description("Flush batches that failed and will be retried").register(meters);
        this.deadLetters = Counter.builder("cairn.flush.dead.letters").tag("shard", name)
                .description("Rows PostgreSQL rejected for their content, moved to cairn_dead_letters").register(meters);
        this.loadHits = Counter.builder("cairn.loads").tag("shard", name).tag("result", "hit")
                .description("Read-through loads").register(meters);
        this.loadMisses = Counter.builder("cairn.loads").tag("shard", name).tag("result", "miss")
                .description("Read-through loads").register(meters);
        this.loadFailures = Counter.builder("cairn.loads").tag("shard", name).tag("result", "error")
                .description("Read-through loads").register(meters);
        this.batchLatency = Timer.builder("cairn.flush.batch.latency").tag("shard", name)
                .description("Time to write one flush batch").publishPercentiles(0.5, 0.99).register(meters);
        this.flushLag = Timer.builder("cairn.flush.lag").tag("shard", name)
                .description("Time from a write to the commit of its row, estimated from the clock-based version")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("cairn.shard.circuit.state", circuitBreaker, breaker -> breaker.state(System.currentTimeMillis()).ordinal())
                .tag("shard", name)
                .description("Circuit breaker of the shard: 0 closed, 1 half-open, 2 open").register(meters);
        Gauge.builder("cairn.dirty.entries.shard", dirtyRows, AtomicLong::get).tag("shard", name)
                .description("Dirty entries waiting for this shard on this member, as of the last flush round")
                .register(meters);
    }

    private static HikariConfig poolConfig(ShardSettings settings, String memberName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cairn-" + settings.name() + "-" + memberName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(POOL_VALIDATION_TIMEOUT_MILLIS, settings.connectTimeout().toMillis()));
        // Start even when the shard is down: the circuit breaker handles an unreachable shard.
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        config.addDataSourceProperty("socketTimeout", Math.max(1, settings.statementTimeout().toSeconds() + 5));
        return config;
    }

    @Override
    public void close() {
        batchExecutor.shutdownNow();
        try {
            batchExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dataSource.close();
    }
}
