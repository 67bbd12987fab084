package io.cairn.bench;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.cairn.client.CairnCache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap per entry of 1 KB JSON values: a Cairn cache against a plain Hazelcast map of
 * {@code HazelcastJsonValue} on the same members, both with one synchronous backup.
 *
 * <p>Method: {@code jcmd <pid> GC.run} forces a full collection on every node, then the used heap
 * ({@code jvm_memory_used_bytes{area="heap"}} from each node's {@code /actuator/prometheus}) is
 * summed over the nodes. The entries are loaded, the Cairn ones flushed to PostgreSQL, the heap
 * measured again, and the increase divided by the entry count. Each reading repeats the collection
 * until two readings a second apart agree, because members free a cleared map's memory in the
 * background. The figure therefore covers the
 * owned copy, the backup copy and everything a node keeps per entry, such as indexes. Runs
 * alternate which map loads first.
 */
final class MemoryBenchmark {

    static final String CACHE = "mem";

    private static final int LOAD_BATCH = 1_000;

    private final SuiteSettings settings;
    private final Systems systems;
    private final ClusterProbe probe;

    MemoryBenchmark(SuiteSettings settings, Systems systems, ClusterProbe probe) {
        this.settings = settings;
        this.systems = systems;
        this.probe = probe;
    }

    /**
     * Bytes of heap per entry, summed over the three nodes (owned and backup copies).
     *
     * @param cairnOwnedCostPerEntry Hazelcast's own owned-entry memory cost of the Cairn map per
     *     entry, from {@code hazelcast_map_owned_memory_bytes}, as a cross-check of the owned half
     */
    record Result(int entries, Stats cairnBytesPerEntry, Stats plainBytesPerEntry, Stats ratio, Stats cairnOwnedCostPerEntry) {
    }

    Result run() {
        CairnCache<BenchValue> cache = systems.cache(CACHE);
        IMap<String, Object> cacheMap = systems.plain.getMap("cache." + CACHE);
        List<Double> cairn = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> ownedCost = new ArrayList<>();
        int entries = settings.memoryEntries();

        for (int run = 1; run <= settings.runs(); run++) {
            IMap<String, HazelcastJsonValue> plainMap = systems.plainMap("plain.mem." + run);
            probe.awaitFlushed();
            double baseline = probe.settledHeapAfterGc();
            double cairnBytes;
            double plainBytes;
            if (run % 2 == 1) {
                cairnBytes = loadCairn(cache, run) - baseline;
                double afterCairn = baseline + cairnBytes;
                ownedCost.add(probe.sum("hazelcast_map_owned_memory_bytes", "map=\"cache." + CACHE + "\"") / entries);
                plainBytes = loadPlain(plainMap, run) - afterCairn;
            } else {
                plainBytes = loadPlain(plainMap, run) - baseline;
                double afterPlain = baseline + plainBytes;
                cairnBytes = loadCairn(cache, run) - afterPlain;
                ownedCost.add(probe.sum("hazelcast_map_owned_memory_bytes", "map=\"cache." + CACHE + "\"") / entries);
            }
            cairn.add(cairnBytes / entries);
            plain.add(plainBytes / entries);
            System.out.printf("  run %d: Cairn %,.0f bytes per entry, plain Hazelcast %,.0f bytes per entry%n", run,
                    cairnBytes / entries, plainBytes / entries);

            plainMap.clear();
            plainMap.destroy();
            cacheMap.evictAll();
        }
        return new Result(entries, Stats.of(cairn), Stats.of(plain), Stats.ratios(cairn, plain), Stats.of(ownedCost));
    }

    /** Loads the entries through the SDK, waits for the flush, and returns the used heap after a collection. */
    private double loadCairn(CairnCache<BenchValue> cache, int run) {
        for (int start = 0; start < settings.memoryEntries(); start += LOAD_BATCH) {
            Map<String, BenchValue> values = new HashMap<>();
            for (int i = start; i < Math.min(settings.memoryEntries(), start + LOAD_BATCH); i++) {
                values.put(key(run, i), BenchValue.of(i));
            }
            cache.putAll(values);
        }
        probe.awaitFlushed();
        return probe.settledHeapAfterGc();
    }

    /** Loads the entries into the plain map and returns the used heap after a collection. */
    private double loadPlain(IMap<String, HazelcastJsonValue> map, int run) {
        for (int start = 0; start < settings.memoryEntries(); start += LOAD_BATCH) {
            Map<String, HazelcastJsonValue> values = new HashMap<>();
            for (int i = start; i < Math.min(settings.memoryEntries(), start + LOAD_BATCH); i++) {
                values.put(key(run, i), new HazelcastJsonValue(BenchValue.toJsonText(BenchValue.of(i))));
            }
            map.putAll(values);
        }
        probe.awaitFlushed();
        return probe.settledHeapAfterGc();
    }

    private static String key(int run, int index) {
        return "m-" + run + "-" + index;
    }
}
