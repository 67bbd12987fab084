package io.cairn.node.admin;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.cairn.node.persistence.PersistenceService;
import io.cairn.node.persistence.PersistenceService.FlushResult;
import io.cairn.node.persistence.PersistenceService.ShardStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin operations that run on one member: its report and a flush of its dirty entries.
 * Members reach each other's instance through the Hazelcast user context, under
 * {@link #USER_CONTEXT_KEY}, when they run {@link MemberReportTask} or {@link MemberFlushTask}.
 */
final class MemberOperations {

    static final String USER_CONTEXT_KEY = "cairn.admin.member-operations";

    private final HazelcastInstance hazelcast;
    private final PersistenceService persistence;
    private final FlushRate flushRate;

    MemberOperations(HazelcastInstance hazelcast, PersistenceService persistence, FlushRate flushRate) {
        this.hazelcast = hazelcast;
        this.persistence = persistence;
        this.flushRate = flushRate;
    }

    /** Returns the operations registered on the member {@code hazelcast}. */
    static MemberOperations of(HazelcastInstance hazelcast) {
        Object operations = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (!(operations instanceof MemberOperations found)) {
            throw new IllegalStateException("Member " + hazelcast.getName() + " has no admin operations yet: it is "
                    + "still starting or stopping. Retry in a few seconds");
        }
        return found;
    }

    MemberReport report() {
        Member local = hazelcast.getCluster().getLocalMember();
        List<MemberReport.MapReport> maps = new ArrayList<>();
        for (String mapName : persistence.mapNames()) {
            long owned = hazelcast.getMap(mapName).getLocalMapStats().getOwnedEntryCount();
            maps.add(new MemberReport.MapReport(mapName, owned, persistence.dirtyEntries(mapName)));
        }
        List<ShardStats> shards = persistence.shardStats();

        // The flusher dates only the entries it read in its last round, and it skips a shard that is
        // down, so the shards' index-based ages cover what it missed.
        long oldestAgeMillis = persistence.oldestDirtyAgeMillis();
        for (ShardStats shard : shards) {
            oldestAgeMillis = Math.max(oldestAgeMillis, shard.oldestDirtyAgeMillis());
        }
        return new MemberReport(AdminAddresses.of(local), local.getUuid().toString(), persistence.dirtyEntries(),
                oldestAgeMillis, flushRate.rowsPerSecond(), persistence.rowsFlushedTotal(), maps, shards);
    }

    MemberFlush flush(Duration timeout) {
        Member local = hazelcast.getCluster().getLocalMember();
        FlushResult result = persistence.flushAll(timeout);
        return new MemberFlush(AdminAddresses.of(local), persistence.hasShards(), result);
    }

    /**
     * Outcome of a flush on one member.
     *
     * @param member member address as {@code host:port}
     * @param hasShards false for a memory-only member, which has nowhere to write
     * @param result counts of the flush
     */
    record MemberFlush(String member, boolean hasShards, FlushResult result) {
    }
}
