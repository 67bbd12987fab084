package io.cairn.config;

import java.util.List;

/**
 * @param version version of this assignment; it grows whenever buckets move between shards
 * @param bucketCount fixed number of buckets for the life of a deployment
 * @param ranges bucket ranges per shard; when empty, buckets are split evenly over the shards in order
 */
public record ShardMapSettings(int version, int bucketCount, List<BucketRange> ranges) {

    /**
     * @param shard shard name
     * @param firstBucket first bucket, inclusive
     * @param lastBucket last bucket, inclusive
     */
    public record BucketRange(String shard, int firstBucket, int lastBucket) {
    }
}
