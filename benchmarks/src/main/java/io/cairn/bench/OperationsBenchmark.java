package io.cairn.bench;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.cairn.client.CairnCache;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.WriteProcessor;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Single-key gets and puts of 1 KB JSON values on the same keys and threads, side by side in
 * every run. The systems are Cairn's SDK, Cairn read through a near cache, a plain Hazelcast map
 * on the same members, a lone Redis, and a Redis primary whose every SET waits for one replica.
 *
 * <p>Four more operations split Cairn's cost against the plain map. They send Cairn's Hazelcast
 * calls (the write entry processor, and get of the stored entry) from a plain Hazelcast client,
 * without the SDK's checks and error handling. The {@code -async} ones wait the way the SDK
 * does, through {@code toCompletableFuture().get(timeout)}; the others use the blocking
 * {@code executeOnKey} and {@code get}.
 *
 * <p>Puts write one key set and gets read another, loaded before the runs, so that no write
 * invalidates the near cache that the near-cache reads measure.
 */
final class OperationsBenchmark {

    static final String CACHE = "bench";
    static final String PLAIN_MAP = "plain.bench";

    /** The operations of one run, in the order they run. */

    private static final int LOAD_BATCH = 500;
    private static final long TIMEOUT_SECONDS = 30;

    private final SuiteSettings settings;
    private final Systems systems;
    private final RedisServer lone;
    private final RedisServer primary;

    OperationsBenchmark(SuiteSettings settings, Systems systems, RedisServer lone, RedisServer primary) {
        this.settings = settings;
        this.systems = systems;
        this.lone = lone;
        this.primary = primary;
    }

    /** Throughput per operation and the ratios between systems, each over all runs. */
    record Result(Map<String, Stats> throughput, Map<String, Stats> ratios, int valueBytes) {
    }

    Result run() throws Exception {
        CairnCache<BenchValue> cache = systems.cache(CACHE);
        IMap<String, HazelcastJsonValue> plainMap = systems.plainMap(PLAIN_MAP);
        List<Jedis> loneConnections = connect(lone);
        List<Jedis> primaryConnections = connect(primary);
        try (Systems.NearCacheReader near = new Systems.NearCacheReader(systems.cluster, CACHE)) {
            load(cache, plainMap, loneConnections.get(0));
            Map<String, Load.Operation> operations = operations(cache, plainMap, near, loneConnections, primaryConnections);

            System.out.println("Warming up each operation for " + settings.warmUpSeconds() + " s");
            for (Map.Entry<String, Load.Operation> operation : operations.entrySet()) {
                Load.run(settings.threads(), settings.warmUpSeconds(), operation.getValue());
            }

            Map<String, List<Double>> runs = new LinkedHashMap<>();
            for (int run = 1; run <= settings.runs(); run++) {
                for (Map.Entry<String, Load.Operation> operation : operations.entrySet()) {
                    Load.Result result = Load.run(settings.threads(), settings.seconds(), operation.getValue());
                    runs.computeIfAbsent(operation.getKey(), name -> new ArrayList<>()).add(result.perSecond());
                    System.out.printf("  run %d %-24s %,12.0f ops/s%n", run, operation.getKey(), result.perSecond());
                }
            }
            System.out.printf("Near cache of the near-cache reader: %,d hits, %,d misses%n", near.nearCacheHits(),
                    near.nearCacheMisses());
            return summarize(runs);
        } finally {
            loneConnections.forEach(Jedis::close);
            primaryConnections.forEach(Jedis::close);
        }
    }

    private Map<String, Load.Operation> operations(CairnCache<BenchValue> cache, IMap<String, HazelcastJsonValue> plainMap,
                                                   Systems.NearCacheReader near, List<Jedis> loneConnections,
                                                   List<Jedis> primaryConnections) {
        int keys = settings.keys();
        String cacheMapName = MapNames.cacheMap(CACHE);
        IMap<String, StoredEntry> cacheMap = systems.plain.getMap(cacheMapName);
        Map<String, Load.Operation> operations = new LinkedHashMap<>();
        operations.put("cairn-sdk-put", (thread, random) -> cache.put(writeKey(random.nextInt(keys)), BenchValue.of(random.nextLong())));
        operations.put("cairn-hazelcast-put-async", (thread, random) -> cacheMap.submitToKey(writeKey(random.nextInt(keys)),
                        WriteProcessor.put(cacheMapName, BenchValue.toJson(BenchValue.of(random.nextLong())), WriteProcessor.DEFAULT_TTL))
                .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        operations.put("cairn-hazelcast-put", (thread, random) -> cacheMap.executeOnKey(writeKey(random.nextInt(keys)),
                WriteProcessor.put(cacheMapName, BenchValue.toJson(BenchValue.of(random.nextLong())), WriteProcessor.DEFAULT_TTL)));
        operations.put("plain-hazelcast-set", (thread, random) -> plainMap.set(writeKey(random.nextInt(keys)),
                new HazelcastJsonValue(BenchValue.toJsonText(BenchValue.of(random.nextLong())))));
        operations.put("redis-set", (thread, random) -> loneConnections.get(thread).set(writeKey(random.nextInt(keys)).getBytes(StandardCharsets.UTF_8),
                BenchValue.toJson(BenchValue.of(random.nextLong()))));
        operations.put("redis-set-wait-replica", (thread, random) -> {
            Jedis jedis = primaryConnections.get(thread);
            jedis.set(writeKey(random.nextInt(keys)).getBytes(StandardCharsets.UTF_8), BenchValue.toJson(BenchValue.of(random.nextLong())));
            long acknowledged = jedis.waitReplicas(1, 1_000);
            if (acknowledged < 1) {
                throw new IllegalStateException("WAIT 1 1000 returned " + acknowledged + " replicas on Redis port " + primary.port());
            }
        });
        operations.put("cairn-sdk-get", (thread, random) -> require(cache.get(key(random.nextInt(keys))), "Cairn SDK"));
        operations.put("cairn-hazelcast-get-async", (thread, random) -> {
            StoredEntry entry = cacheMap.getAsync(key(random.nextInt(keys))).toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            require(entry == null ? null : BenchValue.fromJson(entry.json()), "Cairn map through Hazelcast");
        });
        operations.put("cairn-hazelcast-get", (thread, random) -> {
            StoredEntry entry = cacheMap.get(key(random.nextInt(keys)));
            require(entry == null ? null : BenchValue.fromJson(entry.json()), "Cairn map through Hazelcast");
        });
        operations.put("cairn-near-cache-get", (thread, random) -> require(near.get(key(random.nextInt(keys))), "near cache"));
        operations.put("plain-hazelcast-get", (thread, random) -> {
            HazelcastJsonValue json = plainMap.get(key(random.nextInt(keys)));
            require(json == null ? null : BenchValue.fromJson(json.getValue()), "plain Hazelcast");
        });
        operations.put("redis-get", (thread, random) -> {
            byte[] json = loneConnections.get(thread).get(keyBytes(random.nextInt(keys)));
            require(json == null ? null : BenchValue.fromJson(json), "Redis");
        });
        return operations;
    }

    private void load(CairnCache<BenchValue> cache, IMap<String, HazelcastJsonValue> plainMap, Jedis redis) {
        System.out.printf("Loading %,d keys to read and %,d keys to write into the Cairn cache, the plain map and Redis%n",
                settings.keys(), settings.keys());
        for (int start = 0; start < settings.keys(); start += LOAD_BATCH) {
            Map<String, BenchValue> values = new HashMap<>();
            Map<String, HazelcastJsonValue> plainValues = new HashMap<>();
            List<byte[]> redisPairs = new ArrayList<>();
            for (int i = start; i < Math.min(settings.keys(), start + LOAD_BATCH); i++) {
                BenchValue value = BenchValue.of(i);
                for (String key : List.of(key(i), writeKey(i))) {
                    values.put(key, value);
                    plainValues.put(key, new HazelcastJsonValue(BenchValue.toJsonText(value)));
                    redisPairs.add(key.getBytes(StandardCharsets.UTF_8));
                    redisPairs.add(BenchValue.toJson(value));
                }
            }
            cache.putAll(values);
            plainMap.putAll(plainValues);
            redis.mset(redisPairs.toArray(new byte[0][]));
        }
    }

    private Result summarize(Map<String, List<Double>> runs) {
        Map<String, Stats> throughput = new LinkedHashMap<>();
        runs.forEach((name, values) -> throughput.put(name, Stats.of(values)));

        Map<String, Stats> ratios = new LinkedHashMap<>();
        ratios.put("cairn-sdk-put / plain-hazelcast-set", Stats.ratios(runs.get("cairn-sdk-put"), runs.get("plain-hazelcast-set")));
        ratios.put("cairn-sdk-get / plain-hazelcast-get", Stats.ratios(runs.get("cairn-sdk-get"), runs.get("plain-hazelcast-get")));
        ratios.put("cairn-hazelcast-put / plain-hazelcast-set",
                Stats.ratios(runs.get("cairn-hazelcast-put"), runs.get("plain-hazelcast-set")));
        ratios.put("cairn-hazelcast-put-async / plain-hazelcast-set",
                Stats.ratios(runs.get("cairn-hazelcast-put-async"), runs.get("plain-hazelcast-set")));
        ratios.put("cairn-hazelcast-get-async / plain-hazelcast-get",
                Stats.ratios(runs.get("cairn-hazelcast-get-async"), runs.get("plain-hazelcast-get")));
        ratios.put("cairn-hazelcast-get / plain-hazelcast-get",
                Stats.ratios(runs.get("cairn-hazelcast-get"), runs.get("plain-hazelcast-get")));
        ratios.put("cairn-near-cache-get / redis-get", Stats.ratios(runs.get("cairn-near-cache-get"), runs.get("redis-get")));
        ratios.put("cairn-sdk-get / redis-get", Stats.ratios(runs.get("cairn-sdk-get"), runs.get("redis-get")));
        ratios.put("cairn-sdk-put / redis-set-wait-replica", Stats.ratios(runs.get("cairn-sdk-put"), runs.get("redis-set-wait-replica")));
        ratios.put("cairn-sdk-put / redis-set", Stats.ratios(runs.get("cairn-sdk-put"), runs.get("redis-set")));
        int valueBytes = BenchValue.toJson(BenchValue.of(settings.keys() / 2)).length;
        return new Result(throughput, ratios, valueBytes);
    }

    private List<Jedis> connect(RedisServer server) {
        List<Jedis> connections = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            connections.add(server.connect());
        }
        return connections;
    }

    private static void require(BenchValue value, String system) {
        if (value == null) {
            throw new IllegalStateException(system + " returned no value for a loaded key");
        }
    }

    static String key(int index) {
        return "k-" + index;
    }

    /** Returns a key of the set that the put operations write, apart from the loaded keys that the gets read. */
    static String writeKey(int index) {
        return "w-" + index;
    }

    private static byte[] keyBytes(int index) {
        return key(index).getBytes(StandardCharsets.UTF_8);
    }
}
