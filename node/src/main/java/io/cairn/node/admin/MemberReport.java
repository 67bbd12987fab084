package io.cairn.node.admin;

import io.cairn.node.persistence.PersistenceService.ShardStats;

import java.util.List;

/**
 * What one member reports about itself to the admin API and the status page.
 *
 * @param address member address as {@code host:port}
 * @param uuid member UUID
 * @param dirtyEntries keys with a dirty entry on this member, over all maps
 * @param oldestDirtyAgeMillis age of the oldest dirty entry this member owns
 * @param flushRowsPerSecond rows written to PostgreSQL per second, averaged over the last seconds
 * @param rowsFlushed rows written since the member started
 * @param maps entry and dirty counts per map
 * @param shards flush statistics per shard
 */
record MemberReport(String address, String uuid, long dirtyEntries, long oldestDirtyAgeMillis, double flushRowsPerSecond,
                    long rowsFlushed, List<MapReport> maps, List<ShardStats> shards) {

    /**
     * One map on one member.
     *
     * @param name Hazelcast map name, for example {@code cache.products}
     * @param ownedEntries entries of the partitions this member owns, dirty tombstones included
     * @param dirtyEntries keys with a dirty entry on this member
     */
    record MapReport(String name, long ownedEntries, long dirtyEntries) {
    }
}
