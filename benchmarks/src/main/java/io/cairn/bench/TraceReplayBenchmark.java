package io.cairn.bench;

import io.cairn.cli.trace.OrmBusyTrace;
import io.cairn.client.CairnCache;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replays the start of the cache2k orm-busy trace as reads against cold caches. The systems are
 * Cairn through the SDK (read-through on a miss) and Cairn through a near cache. The third is Redis
 * as a cache-aside in front of the same PostgreSQL shards: GET, then SELECT and SET on a miss.
 *
 * <p>Every run starts from the first request with empty caches: Cairn's cache map is evicted (its
 * rows stay in PostgreSQL) and Redis is flushed. Threads take the requests in trace order, in
 * chunks of {@value #CHUNK}.
 */
final class TraceReplayBenchmark {

    static final String CACHE = "trace";

    private static final int CHUNK = 16;
    private static final int LOAD_BATCH = 500;
    private static final String TABLE = "bench_trace_source";

    private final SuiteSettings settings;
    private final Systems systems;
    private final ClusterProbe probe;
    private final RedisServer redis;
    private final ShardPools database;

    TraceReplayBenchmark(SuiteSettings settings, Systems systems, ClusterProbe probe, RedisServer redis, ShardPools database) {
        this.settings = settings;
        this.systems = systems;
        this.probe = probe;
        this.redis = redis;
        this.database = database;
    }

    /**
     * Requests per second of each system, the ratios to Redis, and the misses per run.
     *
     * @param requests requests of the trace prefix that the runs replay
     * @param distinctKeys distinct keys in that prefix
     */
    record Result(Map<String, Stats> throughput, Map<String, Stats> ratios, Map<String, Stats> misses,
                  int requests, int distinctKeys) {
    }

    Result run() throws Exception {
        int[] requests = readTrace(settings.traceRequests());
        int[] distinct = Arrays.stream(requests).distinct().toArray();
        System.out.printf("Trace prefix: %,d requests over %,d distinct keys%n", requests.length, distinct.length);

        CairnCache<BenchValue> cache = systems.cache(CACHE);
        populate(cache, distinct);

        Map<String, List<Double>> throughput = new LinkedHashMap<>();
        Map<String, List<Double>> misses = new LinkedHashMap<>();
        List<Jedis> connections = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            connections.add(redis.connect());
        }
        try {
            for (int run = 0; run <= settings.runs(); run++) {
                boolean warmUp = run == 0;
                replayCairnSdk(cache, requests, warmUp, throughput, misses);
                replayNearCache(requests, warmUp, throughput, misses);
                replayRedis(connections, requests, warmUp, throughput, misses);
            }
        } finally {
            connections.forEach(Jedis::close);
        }
        systems.plain.getMap("cache." + CACHE).evictAll();

        Map<String, Stats> throughputStats = new LinkedHashMap<>();
        throughput.forEach((name, values) -> throughputStats.put(name, Stats.of(values)));
        Map<String, Stats> missStats = new LinkedHashMap<>();
        misses.forEach((name, values) -> missStats.put(name, Stats.of(values)));
        Map<String, Stats> ratios = new LinkedHashMap<>();
        ratios.put("cairn-sdk / redis-cache-aside", Stats.ratios(throughput.get("cairn-sdk"), throughput.get("redis-cache-aside")));
        ratios.put("cairn-near-cache / redis-cache-aside",
                Stats.ratios(throughput.get("cairn-near-cache"), throughput.get("redis-cache-aside")));
        return new Result(throughputStats, ratios, missStats, requests.length, distinct.length);
    }

    private void replayCairnSdk(CairnCache<BenchValue> cache, int[] requests, boolean warmUp,
                                Map<String, List<Double>> throughput, Map<String, List<Double>> misses) {
        evictCairn();
        double loadsBefore = probe.loads("hit") + probe.loads("miss");
        Load.Result result = replay(requests, (thread, key) -> require(cache.get(key), key));
        double loads = probe.loads("hit") + probe.loads("miss") - loadsBefore;
        record("cairn-sdk", result, loads, warmUp, throughput, misses);
    }

    private void replayNearCache(int[] requests, boolean warmUp, Map<String, List<Double>> throughput,
                                 Map<String, List<Double>> misses) {
        evictCairn();
        double loadsBefore = probe.loads("hit") + probe.loads("miss");
        Load.Result result;
        try (Systems.NearCacheReader near = new Systems.NearCacheReader(systems.cluster, CACHE)) {
            result = replay(requests, (thread, key) -> require(near.get(key), key));
        }
        double loads = probe.loads("hit") + probe.loads("miss") - loadsBefore;
        record("cairn-near-cache", result, loads, warmUp, throughput, misses);
    }

    private void replayRedis(List<Jedis> connections, int[] requests, boolean warmUp, Map<String, List<Double>> throughput,
                             Map<String, List<Double>> misses) {
        connections.get(0).flushAll();
        LongAdder redisMisses = new LongAdder();
        Load.Result result = replay(requests, (thread, key) -> {
            Jedis jedis = connections.get(thread);
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            byte[] json = jedis.get(keyBytes);
            if (json == null) {
                redisMisses.increment();
                json = select(key);
                jedis.set(keyBytes, json);
            }
            require(BenchValue.fromJson(json), key);
        });
        record("redis-cache-aside", result, redisMisses.sum(), warmUp, throughput, misses);
    }

    private void record(String system, Load.Result result, double missCount, boolean warmUp,
                        Map<String, List<Double>> throughput, Map<String, List<Double>> misses) {
        System.out.printf("  %s %-18s %,10.0f requests/s, %,d requests, %,.0f misses%n", warmUp ? "warm-up" : "run",
                system, result.perSecond(), result.operations(), missCount);
        if (warmUp) {
            return;
        }
        throughput.computeIfAbsent(system, name -> new ArrayList<>()).add(result.perSecond());
        misses.computeIfAbsent(system, name -> new ArrayList<>()).add(missCount / Math.max(1, result.operations()));
    }

    /** Replays the requests in order until they run out or the replay time is up. */
    private Load.Result replay(int[] requests, KeyRead read) {
        AtomicInteger cursor = new AtomicInteger();
        long deadline = System.nanoTime() + (long) (settings.traceSeconds() * 1e9);
        int[][] positions = new int[settings.threads()][2];
        return Load.run(settings.threads(),
                () -> cursor.get() >= requests.length || System.nanoTime() >= deadline,
                (thread, random) -> {
                    int[] position = positions[thread];
                    if (position[0] >= position[1]) {
                        int start = cursor.getAndAdd(CHUNK);
                        if (start >= requests.length) {
                            throw new Load.Stop();
                        }
                        position[0] = start;
                        position[1] = Math.min(requests.length, start + CHUNK);
                    }
                    read.read(thread, key(requests[position[0]++]));
                });
    }

    private void evictCairn() {
        probe.awaitFlushed();
        systems.plain.getMap("cache." + CACHE).evictAll();
    }

    private void populate(CairnCache<BenchValue> cache, int[] distinct) throws Exception {
        System.out.printf("Writing %,d trace keys through Cairn and into %s, the database of the Redis cache-aside%n",
                distinct.length, TABLE);
        database.executeOnEveryShard("DROP TABLE IF EXISTS " + TABLE);
        database.executeOnEveryShard("CREATE TABLE " + TABLE + " (key text PRIMARY KEY, value jsonb NOT NULL)");
        for (int start = 0; start < distinct.length; start += LOAD_BATCH) {
            Map<String, BenchValue> values = new HashMap<>();
            for (int i = start; i < Math.min(distinct.length, start + LOAD_BATCH); i++) {
                values.put(key(distinct[i]), BenchValue.of(distinct[i]));
            }
            cache.putAll(values);
            insert(values);
        }
        probe.awaitFlushed();
    }

    /** Inserts the values with one batch and one transaction per shard. */
    private void insert(Map<String, BenchValue> values) throws Exception {
        Map<Integer, List<String>> keysByShard = new HashMap<>();
        for (String key : values.keySet()) {
            keysByShard.computeIfAbsent(database.shardOf(key), shard -> new ArrayList<>()).add(key);
        }
        for (Map.Entry<Integer, List<String>> shardKeys : keysByShard.entrySet()) {
            try (Connection connection = database.connection(shardKeys.getKey())) {
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (key, value) VALUES (?, ?::jsonb)")) {
                    for (String key : shardKeys.getValue()) {
                        statement.setString(1, key);
                        statement.setString(2, BenchValue.toJsonText(values.get(key)));
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private byte[] select(String key) throws Exception {
        try (Connection connection = database.connection(key);
             PreparedStatement statement = connection.prepareStatement("SELECT value::text FROM " + TABLE + " WHERE key = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("Key " + key + " is missing from " + TABLE);
                }
                return rows.getString(1).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static int[] readTrace(int maxRequests) {
        int[] requests = new int[maxRequests];
        int read = 0;
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            while (read < maxRequests) {
                int[] chunk = new int[Math.min(64 * 1024, maxRequests - read)];
                int count = trace.read(chunk);
                if (count == 0) {
                    break;
                }
                System.arraycopy(chunk, 0, requests, read, count);
                read += count;
            }
        }
        return Arrays.copyOf(requests, read);
    }

    private static void require(BenchValue value, String key) {
        if (value == null) {
            throw new IllegalStateException("No value for trace key " + key + ", which is in the database");
        }
    }

    static String key(int id) {
        return "orm-" + id;
    }

    @FunctionalInterface
    private interface KeyRead {
        void read(int thread, String key) throws Exception;
    }
}
