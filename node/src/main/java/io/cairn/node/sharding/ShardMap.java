package io.cairn.node.sharding;

import io.cairn.config.ShardMapSettings;
import io.cairn.config.ShardSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned assignment of buckets to shards. Immutable; a new version replaces it as a whole.
 *
 * <p>Ranges come from the settings. When the settings name none, buckets are split into equal,
 * contiguous ranges over the shards in the order they are listed.
 */
public final class ShardMap {

    private final int version;
    private final int bucketCount;
    private final String[] shardByBucket;

    private ShardMap(int version, int bucketCount, String[] shardByBucket) {
        this.version = version;
        this.bucketCount = bucketCount;
        this.shardByBucket = shardByBucket;
    }

    /** Builds the map from validated settings. */
    public static ShardMap from(ShardMapSettings settings, List<ShardSettings> shards) {
        int bucketCount = settings.bucketCount();
        String[] shardByBucket = new String[bucketCount];

        if (settings.ranges() == null || settings.ranges().isEmpty()) {
            for (int bucket = 0; bucket < bucketCount; bucket++) {
                shardByBucket[bucket] = shards.get((int) ((long) bucket * shards.size() / bucketCount)).name();
            }
        } else {
            for (ShardMapSettings.BucketRange range : settings.ranges()) {
                for (int bucket = range.firstBucket(); bucket <= range.lastBucket(); bucket++) {
                    shardByBucket[bucket] = range.shard();
                }
            }
        }

        for (int bucket = 0; bucket < bucketCount; bucket++) {
            if (shardByBucket[bucket] == null) {
                throw new IllegalArgumentException("Shard map version " + settings.version() + " assigns no shard to bucket "
                        + bucket + ": make cairn.shard-map.ranges cover buckets 0 to " + (bucketCount - 1));
            }
        }
        return new ShardMap(settings.version(), bucketCount, shardByBucket);
    }

    /** Returns the name of the shard that stores {@code key}. */
    public String shardOf(String key) {
        return shardByBucket[BucketHasher.bucketOf(key, bucketCount)];
    }

    public int bucketOf(String key) {
        return BucketHasher.bucketOf(key, bucketCount);
    }

    public int version() {
        return version;
    }

    public int bucketCount() {
        return bucketCount;
    }

    /** Returns how many buckets each shard holds, in bucket order of first appearance. */
    public Map<String, Integer> bucketsPerShard() {
        Map<String, Integer> counts = new HashMap<>();
        for (String shard : shardByBucket) {
            counts.merge(shard, 1, Integer::sum);
        }
        return counts;
    }

    /** Groups keys by the shard that stores them. */
    public Map<String, List<String>> groupByShard(Iterable<String> keys) {
        Map<String, List<String>> groups = new HashMap<>();
        for (String key : keys) {
            groups.computeIfAbsent(shardOf(key), shard -> new ArrayList<>()).add(key);
        }
        return groups;
    }
}
