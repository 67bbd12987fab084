package io.cairn.node.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.LocalMapStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Per-map meters of the local member, read from {@code IMap.getLocalMapStats()} and tagged by
 * {@code map}: owned and backup entries, owned memory cost, hits, and operation counts. Only the
 * Cairn maps given at construction are measured, so the number of series is fixed at start.
 */
final class HazelcastMapMetrics implements MeterBinder {

    private final HazelcastInstance hazelcast;
    private final List<String> mapNames;
    // Micrometer keeps only a weak reference to the state object of a gauge or function counter, so this list keeps the readers.
    private final List<MapStatsReader> readers = new ArrayList<>();

    HazelcastMapMetrics(HazelcastInstance hazelcast, List<String> mapNames) {
        this.hazelcast = hazelcast;
        this.mapNames = List.copyOf(mapNames);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String mapName : mapNames) {
            MapStatsReader stats = new MapStatsReader(hazelcast, mapName);
            readers.add(stats);

            gauge(registry, stats, "hazelcast.map.owned.entries", "Entries of the map whose partitions this member owns",
                    null, LocalMapStats::getOwnedEntryCount);
            gauge(registry, stats, "hazelcast.map.backup.entries", "Backup entries of the map held by this member",
                    null, LocalMapStats::getBackupEntryCount);
            gauge(registry, stats, "hazelcast.map.owned.memory", "Memory cost of the owned entries of the map on this member",
                    BaseUnits.BYTES, LocalMapStats::getOwnedEntryMemoryCost);

            counter(registry, stats, "hazelcast.map.hits", "Reads that found an entry of the map on this member",
                    null, LocalMapStats::getHits);
            operations(registry, stats, "get", LocalMapStats::getGetOperationCount);
            operations(registry, stats, "put", LocalMapStats::getPutOperationCount);
            operations(registry, stats, "set", LocalMapStats::getSetOperationCount);
            operations(registry, stats, "remove", LocalMapStats::getRemoveOperationCount);
            // Hazelcast counts an entry processor by its effect on the entry, so Cairn's writes show as puts.
            operations(registry, stats, "other", LocalMapStats::getOtherOperationCount);
        }
    }

    private static void gauge(MeterRegistry registry, MapStatsReader stats, String name, String description, String baseUnit,
                              ToLongFunction<LocalMapStats> value) {
        Gauge.builder(name, stats, reader -> reader.read(value))
                .tag("map", stats.mapName)
                .baseUnit(baseUnit)
                .description(description)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, MapStatsReader stats, String name, String description, String baseUnit,
                                ToLongFunction<LocalMapStats> value) {
        FunctionCounter.builder(name, stats, reader -> reader.readMonotonic(name, value))
                .tag("map", stats.mapName)
                .baseUnit(baseUnit)
                .description(description)
                .register(registry);
    }

    private static void operations(MeterRegistry registry, MapStatsReader stats, String operation,
                                   ToLongFunction<LocalMapStats> value) {
        FunctionCounter.builder("hazelcast.map.operations", stats, reader -> reader.readMonotonic(operation, value))
                .tag("map", stats.mapName)
                .tag("operation", operation)
                .description("Operations on the map served by this member, by kind")
                .register(registry);
    }

    /** Reads the local statistics of one map, and keeps the last counter values for use after the member stops. */
    private static final class MapStatsReader {

        private final HazelcastInstance hazelcast;
        private final String mapName;
        private final Map<String, Double> lastCounts = new ConcurrentHashMap<>();

        MapStatsReader(HazelcastInstance hazelcast, String mapName) {
            this.hazelcast = hazelcast;
            this.mapName = mapName;
        }

        double read(ToLongFunction<LocalMapStats> value) {
            return HazelcastClusterMetrics.guarded(hazelcast, member -> value.applyAsLong(member.getMap(mapName).getLocalMapStats()));
        }

        /** A counter must never go down or turn NaN, so a stopped member reports the last value read. */
        double readMonotonic(String key, ToLongFunction<LocalMapStats> value) {
            double current = read(value);
            if (Double.isNaN(current)) {
                return lastCounts.getOrDefault(key, 0.0);
            }
            lastCounts.merge(key, current, Math::max);
            return lastCounts.get(key);
        }
    }
}
