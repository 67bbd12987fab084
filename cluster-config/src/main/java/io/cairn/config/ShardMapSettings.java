package io.cairn.config;

import java.util.ArrayList;
import java.util.List;

/**
 * @param version version of this assignment; it grows whenever buckets move between shards
 * @param bucketCount fixed number of buckets for the life of a deployment
 * @param ranges bucket ranges per shard; when empty, buckets are split evenly over the shards in order
 */
public record ShardMapSettings(int version, int bucketCount, List<BucketRange> ranges) {

    public static final int DEFAULT_VERSION = 1;

    public static final int DEFAULT_BUCKET_COUNT = 1024;

    /** Returns version 1 with 1024 buckets split evenly over the shards. */
    public static ShardMapSettings defaults() {
        return new ShardMapSettings(DEFAULT_VERSION, DEFAULT_BUCKET_COUNT, List.of());
    }

    /**
     * Returns the ranges in effect: {@link #ranges()} when it is not empty, otherwise contiguous ranges
     * that split the buckets over the given shards in order, with sizes that differ by at most one
     * bucket. Returns an empty list when there are no shards.
     */
    public List<BucketRange> effectiveRanges(List<ShardSettings> shards) {
        if (!ranges.isEmpty() || shards.isEmpty()) {
            return ranges;
        }

        List<BucketRange> even = new ArrayList<>(shards.size());
        int shardCount = shards.size();
        for (int index = 0; index < shardCount; index++) {
            int first = (int) ((long) bucketCount * index / shardCount);
            int last = (int) ((long) bucketCount * (index + 1) / shardCount) - 1;
            even.add(new BucketRange(shards.get(index).name(), first, last));
        }
        return List.copyOf(even);
    }

    /**
     * @param shard shard name
     * @param firstBucket first bucket, inclusive
     * @param lastBucket last bucket, inclusive
     */
    public record BucketRange(String shard, int firstBucket, int lastBucket) {
    }
}
