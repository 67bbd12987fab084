package io.cairn.node.monitoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sample names that every node with at least one shard and one cache exports at
 * {@code /actuator/prometheus}, each with the labels it must carry besides {@code member}. The
 * scrape test checks the list against live nodes; the deployment test checks the Grafana dashboard
 * and the alert rules against the list.
 */
final class ExportedMetrics {

    static final String MEMBER = "member";

    static final Map<String, List<String>> LABELS_BY_SAMPLE = samples();

    private ExportedMetrics() {
    }

    static Set<String> names() {
        return LABELS_BY_SAMPLE.keySet();
    }

    private static Map<String, List<String>> samples() {
        Map<String, List<String>> samples = new LinkedHashMap<>();

        samples.put("cairn_dirty_entries", List.of("map"));
        samples.put("cairn_dirty_entries_shard", List.of("shard"));
        samples.put("cairn_dirty_oldest_age_seconds", List.of());
        samples.put("cairn_flush_rows_total", List.of("shard"));
        samples.put("cairn_flush_statements_total", List.of("shard"));
        samples.put("cairn_flush_retries_total", List.of("shard"));
        samples.put("cairn_flush_dead_letters_total", List.of("shard"));
        samples.put("cairn_flush_batch_latency_seconds", List.of("shard", "quantile"));
        samples.put("cairn_flush_batch_latency_seconds_count", List.of("shard"));
        samples.put("cairn_flush_batch_latency_seconds_sum", List.of("shard"));
        samples.put("cairn_flush_batch_latency_seconds_max", List.of("shard"));
        samples.put("cairn_loads_total", List.of("shard", "result"));
        samples.put("cairn_shard_circuit_state", List.of("shard"));
        samples.put("cairn_backpressure_rejections_total", List.of());

        samples.put("hazelcast_cluster_size", List.of());
        samples.put("hazelcast_cluster_safe", List.of());
        samples.put("hazelcast_member_safe", List.of());
        samples.put("hazelcast_cluster_state", List.of("state"));
        samples.put("hazelcast_partitions_owned", List.of());
        samples.put("hazelcast_migrations_total", List.of("result"));
        samples.put("hazelcast_map_owned_entries", List.of("map"));
        samples.put("hazelcast_map_backup_entries", List.of("map"));
        samples.put("hazelcast_map_owned_memory_bytes", List.of("map"));
        samples.put("hazelcast_map_hits_total", List.of("map"));
        samples.put("hazelcast_map_operations_total", List.of("map", "operation"));

        return Collections.unmodifiableMap(samples);
    }
}
