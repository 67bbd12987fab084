package io.cairn.bench;

import io.cairn.client.CairnCache;
import io.cairn.testkit.LocalCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes on every thread while one of three nodes is killed with SIGKILL: completed writes per
 * 500 ms bucket, the time from the kill until every live node reports a safe cluster, and a check
 * of every acknowledged write afterwards.
 *
 * <p>Each thread owns its keys and writes each key with a growing sequence number, so the last
 * acknowledged sequence of a key is known. A write that failed may still have been applied, so
 * a key passes when it contains a sequence between its last acknowledged one and its last attempted
 * one. Between runs the killed node is started again and the cluster waits to be safe.
 */
final class FailoverBenchmark {

    static final String CACHE = "failover";
    static final long BUCKET_MILLIS = 500;

    private static final int KEYS_PER_THREAD = 250;
    private static final int KILLED_NODE = 2;
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration WRITE_BEFORE_KILL = Duration.ofSeconds(3);
    private static final Duration WRITE_AFTER_SAFE = Duration.ofSeconds(3);
    private static final int MAX_BUCKETS = 2 * 60 * 5;

    private final SuiteSettings settings;
    private final Systems systems;
    private final ClusterProbe probe;

    FailoverBenchmark(SuiteSettings settings, Systems systems, ClusterProbe probe) {
        this.settings = settings;
        this.systems = systems;
        this.probe = probe;
    }

    /**
     * One kill.
     *
     * @param bucketWrites completed writes per 500 ms bucket from the start of the writers
     * @param killAtMillis time of the kill since the start of the writers
     * @param safeAfterMillis time from the kill until the cluster was safe
     * @param writesPerSecondBeforeKill mean rate before the kill
     * @param lowestBucketRatio the lowest bucket after the kill, divided by the mean bucket before it
     * @param acknowledgedWrites writes that returned without an exception
     * @param failedWrites writes that threw, for example because the call timed out during the kill
     * @param checkedKeys keys read back afterwards
     * @param lostWrites keys that hold no value or a value older than their last acknowledged write
     */
    record RunResult(long[] bucketWrites, long killAtMillis, long safeAfterMillis, double writesPerSecondBeforeKill,
                     double lowestBucketRatio, long acknowledgedWrites, long failedWrites, long checkedKeys, long lostWrites) {
    }

    /** All kills, and the figures over them. */
    record Result(List<RunResult> runs, Stats safeAfterSeconds, Stats lowestBucketRatio, long lostWrites) {
    }

    Result run() throws Exception {
        LocalCluster cluster = systems.cluster;
        CairnCache<BenchValue> cache = systems.cache(CACHE);
        List<RunResult> runs = new ArrayList<>();
        for (int run = 1; run <= settings.failoverRuns(); run++) {
            RunResult result = runOnce(run, cluster, cache);
            runs.add(result);
            System.out.printf("  run %d: safe %.1f s after the kill, lowest bucket %.2f of the rate before,"
                            + " %,d acknowledged, %,d failed, %,d keys checked, %d lost%n", run,
                    result.safeAfterMillis() / 1000.0, result.lowestBucketRatio(), result.acknowledgedWrites(),
                    result.failedWrites(), result.checkedKeys(), result.lostWrites());

            System.out.println("  restarting node " + KILLED_NODE);
            cluster.restartNode(KILLED_NODE);
            cluster.awaitClusterSafe(SAFE_TIMEOUT);
        }
        return new Result(runs,
                Stats.of(runs.stream().map(r -> r.safeAfterMillis() / 1000.0).toList()),
                Stats.of(runs.stream().map(RunResult::lowestBucketRatio).toList()),
                runs.stream().mapToLong(RunResult::lostWrites).sum());
    }

    private RunResult runOnce(int run, LocalCluster cluster, CairnCache<BenchValue> cache) throws Exception {
        int threads = settings.threads();
        long[][] acknowledged = new long[threads][KEYS_PER_THREAD];
        long[][] attempted = new long[threads][KEYS_PER_THREAD];
        for (int t = 0; t < threads; t++) {
            Arrays.fill(acknowledged[t], -1);
            Arrays.fill(attempted[t], -1);
        }
        AtomicLongArray buckets = new AtomicLongArray(MAX_BUCKETS);
        LongAdder failed = new LongAdder();
        LongAdder acknowledgedWrites = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                long sequence = 0;
                while (!stop.get()) {
                    int slot = (int) (sequence % KEYS_PER_THREAD);
                    attempted[thread][slot] = sequence;
                    try {
                        cache.put(key(run, thread, slot), BenchValue.of(sequence));
                        acknowledged[thread][slot] = sequence;
                        acknowledgedWrites.increment();
                        int bucket = (int) ((System.nanoTime() - started) / 1_000_000 / BUCKET_MILLIS);
                        buckets.incrementAndGet(Math.min(bucket, MAX_BUCKETS - 1));
                    } catch (RuntimeException e) {
                        failed.increment();
                    }
                    sequence++;
                }
                return null;
            }));
        }

        long killAtMillis;
        long safeAfterMillis;
        long stopAtMillis;
        try {
            TimeUnit.MILLISECONDS.sleep(WRITE_BEFORE_KILL.toMillis());
            long killAt = System.nanoTime();
            killAtMillis = (killAt - started) / 1_000_000;
            cluster.killNode(KILLED_NODE);
            long safeDeadline = killAt + SAFE_TIMEOUT.toNanos();
            while (!probe.clusterSafe()) {
                if (System.nanoTime() > safeDeadline) {
                    throw new IllegalStateException("The cluster was not safe within " + SAFE_TIMEOUT.toSeconds()
                            + " s of killing node " + KILLED_NODE);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            safeAfterMillis = (System.nanoTime() - killAt) / 1_000_000;
            TimeUnit.MILLISECONDS.sleep(WRITE_AFTER_SAFE.toMillis());
        } finally {
            stopAtMillis = (System.nanoTime() - started) / 1_000_000;
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
        }

        long checked = 0;
        long lost = 0;
        for (int t = 0; t < threads; t++) {
            for (int slot = 0; slot < KEYS_PER_THREAD; slot++) {
                if (attempted[t][slot] < 0) {
                    continue;
                }
                checked++;
                BenchValue value = cache.get(key(run, t, slot));
                long stored = value == null ? -1 : value.number();
                boolean ok = acknowledged[t][slot] < 0
                        ? stored <= attempted[t][slot]
                        : stored >= acknowledged[t][slot] && stored <= attempted[t][slot];
                if (!ok) {
                    lost++;
                    System.out.printf("  LOST: key %s holds %d, last acknowledged %d, last attempted %d%n",
                            key(run, t, slot), stored, acknowledged[t][slot], attempted[t][slot]);
                }
            }
        }

        // Only buckets that end before the writers were told to stop are complete.
        int bucketCount = (int) (stopAtMillis / BUCKET_MILLIS);
        long[] counts = new long[Math.min(bucketCount, MAX_BUCKETS)];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets.get(i);
        }
        int killBucket = (int) (killAtMillis / BUCKET_MILLIS);
        // The first bucket contains the clients' warm-up, so the rate before the kill starts at the second.
        double before = Arrays.stream(counts, 1, killBucket).average().orElse(0);
        double lowest = Arrays.stream(counts, killBucket, counts.length).min().orElse(0);
        return new RunResult(counts, killAtMillis, safeAfterMillis, before * 1000 / BUCKET_MILLIS,
                before == 0 ? 0 : lowest / before, acknowledgedWrites.sum(), failed.sum(), checked, lost);
    }

    private static String key(int run, int thread, int slot) {
        return "fo-" + run + "-" + thread + "-" + slot;
    }
}
