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
import java.util.HashMap;
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

    /** Minimum interval between two WARN lines about failed loads from one shard. */
    private static final long LOAD_WARNING_INTERVAL_MILLIS = 10_000;

    /** Pause between rounds of {@link #flushAll(Duration)}. */
    private static final long FLUSH_POLL_MILLIS = 50;

    private final CairnSettings settings;
    private final MeterRegistry meters;
    private final List<String> mapNames;
    private final Map<String, Long> defaultTtlMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> maxIdleMillis = new ConcurrentHashMap<>();
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
            if (cache.maxIdle().toMillis() > 0) {
                maxIdleMillis.put(mapName, cache.maxIdle().toMillis());
            }
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

        openShards(memberName);
        startFlusher(hazelcast);
    }

    /**
     * Opens the pool of every shard and creates the schema, before the member joins, so that a
     * read-through load that reaches the member right after it joined finds its shard open.
     * Idempotent; an unreachable shard is logged and retried by the flusher.
     *
     * @param memberName name of the member-to-be, used in pool names and logs
     */
    public synchronized void openShards(String memberName) {
        if (shardMap == null || !shards.isEmpty()) {
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
    }

    private void startFlusher(HazelcastInstance hazelcast) {
        Flusher newFlusher = new Flusher(hazelcast, shards, shardMap, index, mapNames, maxIdleMillis, settings.writeBehind());
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
        Flusher.DrainResult result = current.drain(timeout);
        if (result.backlogWritten() && result.remaining() == 0) {
            LOG.info("All dirty entries owned by this member are written to PostgreSQL");
        } else if (result.backlogWritten()) {
            LOG.info("The backlog this member owned at the stop is written to PostgreSQL; {} entries written during "
                    + "the stop stay dirty and move to the new owners with the partitions", result.remaining());
        } else {
            LOG.error("{} dirty entries owned by this member were not written within {}; they stay replicated and move "
                    + "to the remaining members with the partitions. If every member is stopping, write them by "
                    + "restoring the shard and flushing before the last member stops", result.remaining(), timeout);
        }
        return result.remaining();
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

    /** Returns the names of the maps this member writes behind, cache maps first, then the session map. */
    public List<String> mapNames() {
        return mapNames;
    }

    /** Returns the keys of {@code mapName} with a dirty entry on this member. */
    public long dirtyEntries(String mapName) {
        return index.size(mapName);
    }

    /** Returns the flush statistics of each shard as this member measured them, in settings order. */
    public List<ShardStats> shardStats() {
        long now = System.currentTimeMillis();
        Map<String, Long> oldestVersions = oldestIndexedVersionByShard();
        List<ShardStats> stats = new ArrayList<>(shards.size());
        for (Shard shard : shards.values()) {
            long oldestVersion = oldestVersions.getOrDefault(shard.name, 0L);
            long oldestAgeMillis = oldestVersion == 0 ? 0 : Math.max(0, now - oldestVersion / 1_000);
            stats.add(new ShardStats(shard.name, shard.circuitBreaker.state(now).name(),
                    shard.circuitBreaker.consecutiveFailures(), shard.dirtyRows.get(), oldestAgeMillis,
                    (long) shard.rowsFlushed.count(), (long) shard.deadLetters.count()));
        }
        return stats;
    }

    /**
     * Writes every dirty entry this member owns now, on the caller's thread, while the scheduled
     * rounds go on. Returns when no owned entry is dirty or {@code timeout} passes. Under a steady
     * write load new entries keep turning dirty, so the call may run until the timeout.
     */
    public FlushResult flushAll(Duration timeout) {
        long started = System.nanoTime();
        Flusher current = flusher;
        if (current == null || closed) {
            return new FlushResult(index.size(), index.size(), 0, 0, current == null && shardMap == null, 0);
        }

        long dirtyBefore = index.size();
        long rowsBefore = rowsFlushedTotal();
        long deadLettersBefore = deadLettersTotal();
        long deadline = started + timeout.toNanos();
        current.requestRescan();

        long remaining;
        boolean complete;
        do {
            // Runs beside the scheduled round: each shard takes one job at a time, so a round that
            // finds a shard busy skips it and the next pass picks up what is left.
            remaining = current.runRound(true);
            complete = remaining == 0 && shards.values().stream().noneMatch(shard -> shard.busy.get());
        } while (!complete && System.nanoTime() < deadline && sleepQuietly(FLUSH_POLL_MILLIS));

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new FlushResult(dirtyBefore, remaining, rowsFlushedTotal() - rowsBefore,
                deadLettersTotal() - deadLettersBefore, complete, elapsedMillis);
    }

    /** Returns the rows this member wrote to all shards since it started. */
    public long rowsFlushedTotal() {
        return shards.values().stream().mapToLong(shard -> (long) shard.rowsFlushed.count()).sum();
    }

    private long deadLettersTotal() {
        return shards.values().stream().mapToLong(shard -> (long) shard.deadLetters.count()).sum();
    }

    /**
     * Returns the smallest version in the dirty index per shard. Keys found by a rescan carry no
     * version until the flusher reads them, so they do not count.
     */
    private Map<String, Long> oldestIndexedVersionByShard() {
        Map<String, Long> oldest = new HashMap<>();
        if (shardMap == null) {
            return oldest;
        }
        for (String mapName : mapNames) {
            for (Map.Entry<String, Long> indexed : index.snapshot(mapName).entrySet()) {
                long version = indexed.getValue();
                if (version != DirtyIndex.RESCANNED) {
                    oldest.merge(shardMap.shardOf(indexed.getKey()), version, Math::min);
                }
            }
        }
        return oldest;
    }

    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Flush statistics of one shard on this member.
     *
     * @param name shard name
     * @param circuit circuit breaker state: CLOSED, HALF_OPEN or OPEN
     * @param consecutiveFailures failed flush batches in a row
     * @param dirtyEntries owned dirty entries of this shard, as of the last flush round
     * @param oldestDirtyAgeMillis age of the oldest dirty entry of this shard in the dirty index, 0 if none
     * @param rowsFlushed rows written since the member started
     * @param deadLetters rows rejected for their content since the member started
     */
    public record ShardStats(String name, String circuit, int consecutiveFailures, long dirtyEntries,
                             long oldestDirtyAgeMillis, long rowsFlushed, long deadLetters) {
    }

    /**
     * Outcome of {@link #flushAll(Duration)}.
     *
     * @param dirtyBefore dirty entries on this member when the call began
     * @param remaining owned dirty entries that the last round saw
     * @param rowsWritten rows this member wrote during the call, by the call and by scheduled rounds
     * @param deadLetters rows rejected for their content during the call
     * @param complete true when no owned entry was dirty at the end
     * @param elapsedMillis duration of the call
     */
    public record FlushResult(long dirtyBefore, long remaining, long rowsWritten, long deadLetters, boolean complete,
                              long elapsedMillis) {
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
            warnLoadFailure(shard, mapName, key, e);
            throw new PersistenceUnavailableException("Read-through of key '" + key + "' in map " + mapName
                    + " from shard " + shard.name + " failed: " + SqlErrors.rootMessage(e) + ". Retry later", e);
        } finally {
            shard.loadPermits.release();
        }
    }

    /** Logs a failed load, at most once per {@value #LOAD_WARNING_INTERVAL_MILLIS} ms per shard. */
    private static void warnLoadFailure(Shard shard, String mapName, String key, RuntimeException error) {
        long now = System.currentTimeMillis();
        long last = shard.lastLoadWarningMillis.get();
        if (now - last < LOAD_WARNING_INTERVAL_MILLIS || !shard.lastLoadWarningMillis.compareAndSet(last, now)) {
            return;
        }
        LOG.warn("Read-through from shard {} failed for key '{}' of map {}: {}. Further load failures of this shard "
                        + "are counted in cairn_loads_total{result=\"error\"} and logged at most every {} ms",
                shard.name, key, mapName, SqlErrors.rootMessage(error), LOAD_WARNING_INTERVAL_MILLIS);
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
