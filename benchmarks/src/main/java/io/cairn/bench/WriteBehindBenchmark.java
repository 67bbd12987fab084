package io.cairn.bench;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.client.CairnException;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeHealth;
import io.cairn.testkit.NodeProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures write-behind on three node JVMs and two PostgreSQL shards: application writes per
 * second, rows and statements per second that reach PostgreSQL, and flush lag, for a hot-key
 * workload and a uniform one.
 *
 * <p>Run with {@code bench/run write-behind [seconds per workload] [client threads]}. Each workload
 * runs for a fixed time, then the benchmark waits until every dirty entry is flushed, so the row
 * and statement counts cover all the workload's writes.
 */
public final class WriteBehindBenchmark {

    private static final int DEFAULT_SECONDS = 20;
    private static final int DEFAULT_THREADS = 8;
    private static final int HOT_KEYS = 10;
    private static final int UNIFORM_KEYS = 200_000;
    private static final String VALUE_PADDING = "x".repeat(900);

    private WriteBehindBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SECONDS;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_THREADS;
        Path workDirectory = Files.createTempDirectory("cairn-bench-write-behind");

        System.out.printf("Write-behind benchmark: 3 nodes, 2 shards, backup count 1, %d s per workload, %d client threads,"
                + " values of about 1 KB%n", seconds, threads);
        try (LocalCluster cluster = LocalCluster.builder()
                .nodes(3)
                .shards(2)
                .cache("bench", 1)
                .workDirectory(workDirectory)
                .start();
             CairnClient client = cluster.clientBuilder().operationTimeout(Duration.ofSeconds(30)).build()) {

            CairnCache<Payload> cache = client.cache("bench", Payload.class);
            warmUp(cache);
            awaitFlushed(cluster);

            List<Result> results = new ArrayList<>();
            results.add(run("hot-key (" + HOT_KEYS + " keys)", cluster, cache, HOT_KEYS, seconds, threads));
            results.add(run("uniform (" + UNIFORM_KEYS + " keys)", cluster, cache, UNIFORM_KEYS, seconds, threads));

            System.out.println();
            System.out.printf("%-24s %14s %12s %14s %18s %12s %12s%n", "workload", "app writes/s", "rows/s",
                    "statements/s", "stmts/1000 writes", "lag p50 ms", "lag p99 ms");
            for (Result result : results) {
                System.out.printf("%-24s %,14.0f %,12.0f %,14.1f %18.2f %12.0f %12.0f%n", result.name(),
                        result.writes() / result.seconds(), result.rows() / result.seconds(),
                        result.statements() / result.seconds(), result.statements() * 1000 / result.writes(),
                        result.lagP50Millis(), result.lagP99Millis());
            }
        }
    }

    private static void warmUp(CairnCache<Payload> cache) {
        for (int i = 0; i < 2_000; i++) {
            cache.put("warm-" + i, new Payload(i, VALUE_PADDING));
        }
    }

    private static Result run(String name, LocalCluster cluster, CairnCache<Payload> cache, int keySpace,
                              int seconds, int threads) throws Exception {
        Map<String, Double> before = totals(cluster);
        LongAdder writes = new LongAdder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                        int key = random.nextInt(keySpace);
                        try {
                            cache.put("k-" + key, new Payload(random.nextLong(), VALUE_PADDING));
                            writes.increment();
                        } catch (CairnException e) {
                            if (!e.isRetryable()) {
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        awaitFlushed(cluster);
        Map<String, Double> after = totals(cluster);
        double p50 = 0;
        double p99 = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            PrometheusScrape scrape = PrometheusScrape.of(node.httpUri());
            p50 = Math.max(p50, scrape.max("cairn_flush_lag_seconds", "quantile=\"0.5\"") * 1000);
            p99 = Math.max(p99, scrape.max("cairn_flush_lag_seconds", "quantile=\"0.99\"") * 1000);
        }
        return new Result(name, elapsedSeconds, writes.sum(), after.get("rows") - before.get("rows"),
                after.get("statements") - before.get("statements"), p50, p99);
    }

    private static Map<String, Double> totals(LocalCluster cluster) {
        double rows = 0;
        double statements = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            PrometheusScrape scrape = PrometheusScrape.of(node.httpUri());
            rows += scrape.sum("cairn_flush_rows_total");
            statements += scrape.sum("cairn_flush_statements_total");
        }
        return Map.of("rows", rows, "statements", statements);
    }

    private static void awaitFlushed(LocalCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            long dirty = 0;
            for (NodeProcess node : cluster.liveNodes()) {
                dirty += node.health().shards().stream().mapToLong(NodeHealth.ShardHealth::dirtyEntries).sum();
            }
            if (dirty == 0) {
                // One more round interval, so that the last round's counters are final.
                TimeUnit.MILLISECONDS.sleep(1_000);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("Dirty entries were not flushed within 5 minutes");
    }

    /** A value of about 1 KB of JSON. */
    public record Payload(long number, String text) {
    }

    private record Result(String name, double seconds, double writes, double rows, double statements,
                          double lagP50Millis, double lagP99Millis) {
    }
}
