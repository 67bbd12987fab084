package io.cairn.node.sharding;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Maps a key to its bucket with CRC-32C over the key's UTF-8 bytes.
 *
 * <p>CRC-32C is specified independently of Java and of Hazelcast, so a key keeps its bucket across
 * JVM versions, Hazelcast upgrades and partition counts. Buckets, not keys, are what move when a
 * shard is added.
 */
public final class BucketHasher {

    private BucketHasher() {
    }

    /** Returns the bucket of {@code key}, in {@code [0, bucketCount)}. */
    public static int bucketOf(String key, int bucketCount) {
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % bucketCount);
    }
}
