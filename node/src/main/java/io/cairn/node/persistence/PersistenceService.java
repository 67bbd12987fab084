package io.cairn.node.persistence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.cairn.config.CacheSettings;
import io.cairn.config.CairnSettings;
import io.cairn.config.ShardSettings;
import io.cairn.node.sharding.ShardMap;
import io.cairn.protocol.BackpressureException;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.PersistenceUnavailableException;
import io.cairn.protocol.StoredEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Write-behind and read-through for one member: the services that Cairn's entry processors call,
 * the shards, and the flusher.
 *
 * <p>Without shards in the settings the member keeps data in memory only: writes are accepted and
 * stay dirty, and misses load nothing.
 */
public final class PersistenceService implements MemberServices, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceService.class);

    private final CairnSettings settings;
    private final MeterRegistry meters;
    private final List<String> mapNames;
    private final Map<String, Long> defaultTtlMillis = new ConcurrentHashMap<>();
    private final DirtyIndex index = new DirtyIndex();
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final ShardMap shardMap;
    private final Counter backpressureRejections;

    private volatile Flusher flusher;
    private volatile boolean closed;

    public PersistenceService(CairnSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;

        List<String> names = new ArrayList<>();
        for (CacheSettings cache : settings.caches().values()) {
            String mapName = MapNames.cacheMap(cache.name());
            names.add(mapName);
            defaultTtlMillis.put(mapName, cache.ttl().toMillis());
        }
        names.add(MapNames.SESSIONS);
        this.mapNames = Collections.unmodifiableList(names);

        this.shardMap = settings.shards().isEmpty() ? null : ShardMap.from(settings.shardMap(), settings.shards());
        this.backpressureRejections = Counter.builder("cairn.backpressure.rejections")
                .description("Writes rejected because the member held too many dirty entries").register(meters);
        Gauge.builder("cairn.dirty.entries.member", index, DirtyIndex::size)
                .description("Keys with a dirty entry on this member, over all maps").register(meters);
        for (String mapName : mapNames) {
            Gauge.builder("cairn.dirty.entries", index, idx -> idx.size(mapName)).tag("map", mapName)
                    .description("Keys of this map with a dirty entry on this member").register(meters);
        }
        Gauge.builder("cairn.dirty.oldest.age", this, service -> service.oldestDirtyAgeMillis() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest dirty entry this member owns").register(meters);
    }

    /** Opens the shard pools and starts flushing on {@code hazelcast}, which must already run. */
    public void start(HazelcastInstance hazelcast) {
        String memberName = hazelcast.getName();
        if (shardMap == null) {
            LOG.warn("Member {} has no PostgreSQL shards in cairn.shards: data lives in memory only and is lost "
                    + "when the whole cluster stops", memberName);
            return;
        }

        for (ShardSettings shardSettings : settings.shards()) {
            CircuitBreaker breaker = new CircuitBreaker(settings.writeBehind().circuitFailureThreshold(),
                    settings.writeBehind().retryInitialBackoff().toMillis(), settings.writeBehind().retryMaxBackoff().toMillis());
            Shard shard = new Shard(shardSettings, mapNames, breaker, meters, memberName);
            shards.put(shard.name, shard);
            try {
                shard.store.ensureSchema();
                LOG.info("Shard {} ready for member {}: {} buckets of {}, tables for maps {}", shard.name, memberName,
                        shardMap.bucketsPerShard().getOrDefault(shard.name, 0), shardMap.bucketCount(), mapNames);
            } catch (RuntimeException e) {
                LOG.error("Shard {} is unreachable from member {}; its entries stay dirty in the grid until it answers: {}",
                        shard.name, memberName, SqlErrors.rootMessage(e));
            }
        }

        Flusher newFlusher = new Flusher(hazelcast, shards, shardMap, index, mapNames, settings.writeBehind());
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                newFlusher.requestRescan();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                newFlusher.requestRescan();
            }
        });
        hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                newFlusher.requestRescan();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                newFlusher.requestRescan();
            }
        });
        newFlusher.start();
        this.flusher = newFlusher;
    }

    /**
     * Writes every dirty entry this member owns, waiting at most {@code timeout}. Returns the number
     * of entries still dirty: 0 on success.
     */
    public long flushForShutdown(Duration timeout) {
        Flusher current = flusher;
        if (current == null) {
            return 0;
        }
        long remaining = current.drain(timeout);
        if (remaining == 0) {
            LOG.info("All dirty entries owned by this member are written to PostgreSQL");
        } else {
            LOG.error("{} dirty entries owned by this member were not written within {}; they are handed to the "
                    + "remaining members with the partitions", remaining, timeout);
        }
        return remaining;
    }

    /** Returns per shard: circuit state, consecutive failures and dirty rows of the last round. */
    public Map<String, Map<String, Object>> shardStatus() {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (Shard shard : shards.values()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("circuit", shard.circuitBreaker.state(now).name());
            details.put("consecutiveFailures", shard.circuitBreaker.consecutiveFailures());
            details.put("dirtyEntries", shard.dirtyRows.get());
            status.put(shard.name, details);
        }
        return status;
    }

    public boolean hasShards() {
        return shardMap != null;
    }

    public long dirtyEntries() {
        return index.size();
    }

    public long oldestDirtyAgeMillis() {
        Flusher current = flusher;
        return current == null ? 0 : current.oldestDirtyAgeMillis();
    }

    @Override
    public void checkWritable(String mapName, String key) {
        if (shardMap == null) {
            return;
        }
        long dirty = index.size();
        int bound = settings.writeBehind().maxDirtyEntries();
        if (dirty >= bound) {
            backpressureRejections.increment();
            throw new BackpressureException("Write of key '" + key + "' to map " + mapName + " rejected: this member holds "
                    + dirty + " entries not yet written to PostgreSQL, the bound cairn.write-behind.max-dirty-entries is "
                    + bound + ". Shard status: " + shardStatus() + ". Retry after a delay; raise the bound or "
                    + "restore the slow shard if this persists");
        }
    }

    @Override
    public void recordDirty(String mapName, String key, long version) {
        if (shardMap != null) {
            index.record(mapName, key, version);
        }
    }

    @Override
    public long defaultTtlMillis(String mapName) {
        return defaultTtlMillis.getOrDefault(mapName, 0L);
    }

    @Override
    public StoredEntry load(String mapName, String key) {
        if (shardMap == null) {
            return null;
        }

        Shard shard = shards.get(shardMap.shardOf(key));
        if (shard == null) {
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' in map " + mapName
                    + " failed: shard " + shardMap.shardOf(key) + " is not open on this member yet. Retry later", null);
        }
        if (!shard.circuitBreaker.allowsCall(System.currentTimeMillis())) {
            shard.loadFailures.increment();
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' in map " + mapName
                    + " failed: shard " + shardMap.shardOf(key) + " is unavailable (circuit open). Retry later", null);
        }

        boolean permitted;
        try {
            permitted = shard.loadPermits.tryAcquire(shard.settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' interrupted", e);
        }
        if (!permitted) {
            shard.loadFailures.increment();
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' in map " + mapName + " failed: shard "
                    + shard.name + " already runs " + shard.settings.maxConcurrentLoads()
                    + " loads (cairn.shards[].max-concurrent-loads). Retry later", null);
        }

        try {
            shard.store.ensureSchema();
            StoredEntry entry = shard.store.load(mapName, key, System.currentTimeMillis());
            (entry == null ? shard.loadMisses : shard.loadHits).increment();
            return entry;
        } catch (RuntimeException e) {
            shard.loadFailures.increment();
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' in map " + mapName
                    + " from shard " + shard.name + " failed: " + SqlErrors.rootMessage(e) + ". Retry later", e);
        } finally {
            shard.loadPermits.release();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flusher current = flusher;
        if (current != null) {
            current.stop();
        }
        for (Shard shard : shards.values()) {
            shard.close();
        }
    }
}
