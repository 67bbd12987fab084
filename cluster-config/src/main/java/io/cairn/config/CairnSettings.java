package io.cairn.config;

import java.util.List;
import java.util.Map;

/**
 * All settings of a Cairn deployment, as loaded by {@link SettingsLoader} and validated once.
 * Members and clients build their Hazelcast configuration from the same instance, so they cannot
 * disagree.
 *
 * @param clusterName Hazelcast cluster name that members and clients must share
 * @param discovery how members find each other
 * @param member network settings of this member
 * @param caches caches by name; each lives in the map {@code cache.<name>}
 * @param sessions settings of the HTTP session map
 * @param shards PostgreSQL shards, in shard-map order
 * @param shardMap how keys map to buckets and buckets to shards
 * @param writeBehind flusher, retry and backpressure settings
 * @param limits key and value size limits
 * @param admin admin API settings
 */
public record CairnSettings(
        String clusterName,
        DiscoverySettings discovery,
        MemberSettings member,
        Map<String, CacheSettings> caches,
        SessionSettings sessions,
        List<ShardSettings> shards,
        ShardMapSettings shardMap,
        WriteBehindSettings writeBehind,
        LimitSettings limits,
        AdminSettings admin) {

    /** Cluster name of {@link SettingsLoader#defaults()}; a YAML file must name its cluster. */
    public static final String DEFAULT_CLUSTER_NAME = "cairn-local";
}
