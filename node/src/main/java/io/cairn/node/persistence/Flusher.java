package io.cairn.node.persistence;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.cairn.config.WriteBehindSettings;
import io.cairn.node.sharding.ShardMap;
import io.cairn.protocol.EvictExpiredProcessor;
import io.cairn.protocol.MarkFlushedProcessor;
import io.cairn.protocol.RestampProcessor;
import io.cairn.protocol.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the dirty entries of the partitions this member owns to their PostgreSQL shards.
 *
 * <p>Each round takes the keys in the {@link DirtyIndex}, keeps those whose partition this member
 * owns, groups them by shard, reads their entries, and hands each idle shard one job. A job writes
 * its rows map by map in key order, in batched upserts guarded by version, and then marks each
 * entry clean only if its version did not change meanwhile. A shard that is busy or whose circuit
 * is open is skipped; its entries stay dirty and replicated in the grid until a later round.
 *
 * <p>A row that PostgreSQL rejects for its content is isolated by splitting its batch in halves, is
 * recorded in the shard's dead-letter table, and is marked clean, so it never blocks other rows.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    /** Keys read from the grid in one getAll call. */
    private static final int READ_CHUNK = 1_000;
    /** Interval between full rescans for dirty entries that the index may have missed. */
    private static final long RESCAN_INTERVAL_MILLIS = 30_000;
    /** Interval between sweeps that drop expired, clean entries from memory. */
    private static final long EXPIRY_SWEEP_INTERVAL_MILLIS = 5_000;
    /** Rows one purge statement deletes at most. */
    private static final int PURGE_MAX_ROWS = 10_000;
    /** Interval of the housekeeping thread: expiry and idle sweeps, tombstone purge, stuck-round check. */
    private static final long HOUSEKEEPING_INTERVAL_MILLIS = 1_000;
    /** Duration after which a flush round counts as stuck and is reported. */
    private static final long STUCK_ROUND_WARN_MILLIS = 30_000;
    /** Interval between sweeps that drop clean entries idle past their map's max idle time from memory. */
    private static final long IDLE_SWEEP_INTERVAL_MILLIS = 10_000;
    /** Pause between rounds while draining for shutdown. */
    private static final long DRAIN_POLL_MILLIS = 50;

    private final HazelcastInstance hazelcast;
    private final Map<String, Shard> shards;
    private final ShardMap shardMap;
    private final DirtyIndex index;
    private final List<String> mapNames;
    private final WriteBehindSettings settings;
    private final String memberName;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService housekeeper;

    private final Map<String, Long> maxIdleMillisByMap;
    private final AtomicBoolean rescanRequested = new AtomicBoolean(true);
    private final AtomicLong oldestDirtyVersion = new AtomicLong();
    private long lastRescanMillis;
    private long lastExpirySweepMillis;
    private long lastPurgeMillis;
    private long lastIdleSweepMillis;
    private volatile long roundStartedMillis;
    private volatile Thread flusherThread;

    Flusher(HazelcastInstance hazelcast, Map<String, Shard> shards, ShardMap shardMap, DirtyIndex index,
            List<String> mapNames, Map<String, Long> maxIdleMillisByMap, WriteBehindSettings settings) {
        this.maxIdleMillisByMap = Map.copyOf(maxIdleMillisByMap);
        this.hazelcast = hazelcast;
        this.shards = shards;
        this.shardMap = shardMap;
        this.index = index;
        this.mapNames = List.copyOf(mapNames);
        this.settings = settings;
        this.memberName = hazelcast.getName();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-flusher");
            thread.setDaemon(true);
            flusherThread = thread;
            return thread;
        });
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        long intervalMillis = Math.max(1, settings.flushInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::runRoundSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        housekeeper.scheduleWithFixedDelay(this::housekeepingSafely, HOUSEKEEPING_INTERVAL_MILLIS,
                HOUSEKEEPING_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Flusher started on member {}: maps {}, shards {}, interval {} ms, batch size {}",
                memberName, mapNames, shards.keySet(), intervalMillis, settings.batchSize());
    }

    /** Asks for a full rescan of owned entries, after a migration or a member change. */
    void requestRescan() {
        rescanRequested.set(true);
    }

    /** Returns the age in milliseconds of the oldest dirty entry seen in the last round, 0 if none. */
    long oldestDirtyAgeMillis() {
        long version = oldestDirtyVersion.get();
        return version == 0 ? 0 : Math.max(0, System.currentTimeMillis() - version / 1_000);
    }

    /**
     * Runs rounds until the backlog this member owned when the stop began is written, or
     * {@code timeout} passes. Writes that arrive during the stop are not waited for: they stay
     * dirty and replicated, and move to the new owners with the partitions. Returns the number of
     * owned dirty entries left after the last round; {@link DrainResult#backlogWritten()} reports
     * whether the backlog from the start was written.
     */
    DrainResult drain(Duration timeout) {
        housekeeper.shutdownNow();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DrainResult(false, index.size());
        }

        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long remaining = Long.MAX_VALUE;
        Map<String, Map<String, Long>> backlog = null;
        requestRescan();
        while (System.currentTimeMillis() < deadline) {
            remaining = runRound(true);
            if (backlog == null) {
                // Taken after the first round, whose rescan adds entries that arrived by promotion.
                backlog = index.snapshotAll();
            }
            // A job still running for writes that arrived during the stop does not hold the stop up:
            // if the member leaves before it commits, those entries stay dirty and move with their
            // partitions.
            if ((remaining == 0 && noShardBusy()) || isWritten(backlog)) {
                return new DrainResult(true, remaining);
            }
            if (!pause(DRAIN_POLL_MILLIS)) {
                break;
            }
        }
        return new DrainResult(false, remaining);
    }

    /**
     * True when no key of {@code backlog} is still indexed with the stamp it had then. A key with
     * another stamp was written again during the stop; that newer write moves with its partition.
     */
    private boolean isWritten(Map<String, Map<String, Long>> backlog) {
        for (Map.Entry<String, Map<String, Long>> map : backlog.entrySet()) {
            for (Map.Entry<String, Long> key : map.getValue().entrySet()) {
                Long stamp = index.stamp(map.getKey(), key.getKey());
                if (stamp != null && stamp.equals(key.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Outcome of {@link #drain(Duration)}.
     *
     * @param backlogWritten whether every entry that was dirty when the stop began is written
     * @param remaining owned dirty entries after the last round, written during the stop or not yet written
     */
    record DrainResult(boolean backlogWritten, long remaining) {
    }

    void stop() {
        scheduler.shutdownNow();
        housekeeper.shutdownNow();
    }

    private boolean noShardBusy() {
        return shards.values().stream().noneMatch(shard -> shard.busy.get());
    }

    private void runRoundSafely() {
        roundStartedMillis = System.currentTimeMillis();
        try {
            runRound(false);
        } catch (RuntimeException e) {
            if (hazelcast.getLifecycleService().isRunning()) {
                LOG.warn("Flush round on member {} failed and will be retried next round", memberName, e);
            }
        } finally {
            roundStartedMillis = 0;
        }
    }

    private void housekeepingSafely() {
        try {
            warnIfRoundIsStuck();
            housekeeping();
        } catch (RuntimeException e) {
            if (hazelcast.getLifecycleService().isRunning()) {
                LOG.warn("Housekeeping on member {} failed and runs again later", memberName, e);
            }
        }
    }

    private void warnIfRoundIsStuck() {
        long started = roundStartedMillis;
        Thread thread = flusherThread;
        long runningMillis = started == 0 ? 0 : System.currentTimeMillis() - started;
        if (runningMillis < STUCK_ROUND_WARN_MILLIS || thread == null) {
            return;
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            stack.append("\n\tat ").append(frame);
        }
        LOG.warn("Flush round on member {} has run for {} ms; dirty entries wait meanwhile. Flusher thread:{}",
                memberName, runningMillis, stack);
    }

    /** Runs one round and returns the number of owned dirty entries it saw. */
    long runRound(boolean draining) {
        if (rescanRequested.getAndSet(false) || System.currentTimeMillis() - lastRescanMillis > RESCAN_INTERVAL_MILLIS) {
            rescan();
        }

        Set<String> idleShards = new HashSet<>();
        long now = System.currentTimeMillis();
        for (Shard shard : shards.values()) {
            if (!shard.busy.get() && shard.circuitBreaker.allowsCall(now)) {
                idleShards.add(shard.name);
            }
        }

        Map<String, List<FlushRow>> rowsByShard = new HashMap<>();
        Map<String, Long> dirtyByShard = new HashMap<>();
        long ownedDirty = 0;
        long oldestVersion = 0;

        PartitionService partitions = hazelcast.getPartitionService();
        for (String mapName : mapNames) {
            Map<String, Long> stamps = index.snapshot(mapName);
            if (stamps.isEmpty()) {
                continue;
            }

            Map<String, List<String>> ownedKeysByShard = new HashMap<>();
            for (Map.Entry<String, Long> indexed : stamps.entrySet()) {
                String key = indexed.getKey();
                Partition partition = partitions.getPartition(key);
                Member owner = partition.getOwner();
                if (owner == null) {
                    ownedDirty++;
                    continue;
                }
                if (!owner.localMember()) {
                    index.remove(mapName, key, indexed.getValue());
                    continue;
                }
                ownedKeysByShard.computeIfAbsent(shardMap.shardOf(key), shard -> new ArrayList<>()).add(key);
            }

            IMap<String, StoredEntry> map = hazelcast.getMap(mapName);
            for (Map.Entry<String, List<String>> group : ownedKeysByShard.entrySet()) {
                String shardName = group.getKey();
                List<String> keys = group.getValue();
                dirtyByShard.merge(shardName, (long) keys.size(), Long::sum);
                ownedDirty += keys.size();
                if (!idleShards.contains(shardName)) {
                    continue;
                }

                for (int from = 0; from < keys.size(); from += READ_CHUNK) {
                    List<String> chunk = keys.subList(from, Math.min(keys.size(), from + READ_CHUNK));
                    Map<String, StoredEntry> entries = map.getAll(new HashSet<>(chunk));
                    for (String key : chunk) {
                        StoredEntry entry = entries.get(key);
                        long stamp = stamps.get(key);
                        if (entry == null || !entry.isDirty()) {
                            index.remove(mapName, key, stamp);
                            ownedDirty--;
                            dirtyByShard.merge(shardName, -1L, Long::sum);
                            continue;
                        }
                        if (oldestVersion == 0 || entry.version() < oldestVersion) {
                            oldestVersion = entry.version();
                        }
                        rowsByShard.computeIfAbsent(shardName, shard -> new ArrayList<>())
                                .add(new FlushRow(mapName, key, shardMap.bucketOf(key), entry, stamp));
                    }
                }
            }
        }

        for (Shard shard : shards.values()) {
            shard.dirtyRows.set(dirtyByShard.getOrDefault(shard.name, 0L));
        }
        oldestDirtyVersion.set(oldestVersion);

        for (Map.Entry<String, List<FlushRow>> pending : rowsByShard.entrySet()) {
            Shard shard = shards.get(pending.getKey());
            if (shard.busy.compareAndSet(false, true)) {
                List<FlushRow> rows = pending.getValue();
                shard.batchExecutor.execute(() -> flushShard(shard, rows));
            }
        }

        if (draining && ownedDirty > 0) {
            LOG.debug("Member {} drains {} dirty entries", memberName, ownedDirty);
        }
        return ownedDirty;
    }

    private void flushShard(Shard shard, List<FlushRow> rows) {
        try {
            shard.store.ensureSchema();
            Map<String, List<FlushRow>> rowsByMap = new LinkedHashMap<>();
            for (FlushRow row : rows) {
                rowsByMap.computeIfAbsent(row.mapName(), name -> new ArrayList<>()).add(row);
            }

            for (Map.Entry<String, List<FlushRow>> mapRows : rowsByMap.entrySet()) {
                List<FlushRow> sorted = new ArrayList<>(mapRows.getValue());
                sorted.sort(Comparator.comparing(FlushRow::key));
                for (int from = 0; from < sorted.size(); from += settings.batchSize()) {
                    List<FlushRow> batch = sorted.subList(from, Math.min(sorted.size(), from + settings.batchSize()));
                    writeBatch(shard, mapRows.getKey(), batch);
                }
            }

            if (shard.circuitBreaker.consecutiveFailures() > 0) {
                LOG.info("Shard {} accepts writes again from member {}", shard.name, memberName);
            }
            shard.circuitBreaker.recordSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            long pauseMillis = shard.circuitBreaker.recordFailure(System.currentTimeMillis());
            shard.retries.increment();
            LOG.warn("Flush of {} rows to shard {} failed on member {}; entries stay dirty in the grid, next attempt in {} ms: {}",
                    rows.size(), shard.name, memberName, pauseMillis, SqlErrors.rootMessage(e));
        } finally {
            shard.busy.set(false);
        }
    }

    private void writeBatch(Shard shard, String mapName, List<FlushRow> batch) throws InterruptedException {
        shard.rateLimiter.acquire(batch.size());

        Set<String> applied;
        long started = System.nanoTime();
        try {
            applied = shard.store.upsert(mapName, batch);
            shard.statements.increment();
        } catch (RuntimeException e) {
            shard.statements.increment();
            if (!SqlErrors.isContentError(e)) {
                throw e;
            }
            isolateRejectedContent(shard, mapName, batch, e);
            return;
        } finally {
            shard.batchLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        shard.rowsFlushed.increment(applied.size());
        List<FlushRow> written = new ArrayList<>(applied.size());
        List<FlushRow> rejected = new ArrayList<>();
        long committedMillis = System.currentTimeMillis();
        for (FlushRow row : batch) {
            if (applied.contains(row.key())) {
                written.add(row);
                // Versions are the write time in microseconds unless a key is written faster than that.
                shard.flushLag.record(Math.max(0, committedMillis - row.entry().version() / 1_000), TimeUnit.MILLISECONDS);
            } else {
                rejected.add(row);
            }
        }

        markFlushed(mapName, written);
        if (!rejected.isEmpty()) {
            restampRejected(shard, mapName, rejected);
        }
    }

    private void isolateRejectedContent(Shard shard, String mapName, List<FlushRow> batch, RuntimeException error)
            throws InterruptedException {
        if (batch.size() > 1) {
            int middle = batch.size() / 2;
            writeBatch(shard, mapName, batch.subList(0, middle));
            writeBatch(shard, mapName, batch.subList(middle, batch.size()));
            return;
        }

        FlushRow row = batch.get(0);
        String sqlState = SqlErrors.sqlState(error);
        String message = SqlErrors.rootMessage(error);
        shard.store.insertDeadLetter(row, sqlState, message);
        shard.deadLetters.increment();
        LOG.warn("Shard {} rejected key '{}' of map {} (version {}, SQLSTATE {}): {}. The entry is kept in memory and "
                        + "recorded in {}; fix the value and write it again",
                shard.name, row.key(), mapName, row.entry().version(), sqlState, message, TableNames.DEAD_LETTERS);
        markFlushed(mapName, List.of(row));
    }

    private void markFlushed(String mapName, List<FlushRow> rows) {
        if (rows.isEmpty()) {
            return;
        }

        Map<String, Long> versions = new HashMap<>(rows.size() * 2);
        for (FlushRow row : rows) {
            versions.put(row.key(), row.entry().version());
        }

        IMap<String, StoredEntry> map = hazelcast.getMap(mapName);
        Map<String, Boolean> marked = map.executeOnKeys(versions.keySet(), new MarkFlushedProcessor(versions));
        for (FlushRow row : rows) {
            if (Boolean.TRUE.equals(marked.get(row.key()))) {
                index.remove(mapName, row.key(), row.indexStamp());
            }
        }
    }

    private void restampRejected(Shard shard, String mapName, List<FlushRow> rejected) {
        List<String> keys = rejected.stream().map(FlushRow::key).toList();
        Map<String, Long> stored = shard.store.storedVersions(mapName, keys);
        IMap<String, StoredEntry> map = hazelcast.getMap(mapName);

        for (FlushRow row : rejected) {
            long storedVersion = stored.getOrDefault(row.key(), row.entry().version());
            Long newVersion = map.executeOnKey(row.key(), new RestampProcessor(row.entry().version(), storedVersion));
            if (newVersion != null) {
                index.record(mapName, row.key(), newVersion);
                LOG.warn("Shard {} holds version {} of key '{}' in map {}, above the version {} in memory; "
                                + "re-stamped the entry as version {} so the latest write wins. Check member clocks",
                        shard.name, storedVersion, row.key(), mapName, row.entry().version(), newVersion);
            }
        }
    }

    private void rescan() {
        lastRescanMillis = System.currentTimeMillis();
        for (String mapName : mapNames) {
            IMap<String, Object> map = hazelcast.getMap(mapName);
            Set<String> dirtyKeys = map.localKeySet(new EntryPredicates.Dirty());
            for (String key : dirtyKeys) {
                index.recordIfAbsent(mapName, key);
            }
            if (!dirtyKeys.isEmpty()) {
                LOG.debug("Rescan of map {} on member {} found {} dirty entries", mapName, memberName, dirtyKeys.size());
            }
        }
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now - lastExpirySweepMillis >= EXPIRY_SWEEP_INTERVAL_MILLIS) {
            lastExpirySweepMillis = now;
            sweepExpired(now);
        }

        if (now - lastIdleSweepMillis >= IDLE_SWEEP_INTERVAL_MILLIS) {
            lastIdleSweepMillis = now;
            evictIdle(now);
        }

        long purgeInterval = Math.max(1_000, Math.min(60_000, settings.tombstoneRetention().toMillis() / 2));
        if (now - lastPurgeMillis >= purgeInterval && isOldestMember()) {
            lastPurgeMillis = now;
            purgeTombstones(now);
        }
    }

    private void sweepExpired(long now) {
        for (String mapName : mapNames) {
            IMap<String, Object> map = hazelcast.getMap(mapName);
            Set<String> expired = map.localKeySet(new EntryPredicates.ExpiredClean(now));
            if (!expired.isEmpty()) {
                hazelcast.<String, StoredEntry>getMap(mapName).executeOnKeys(expired, new EvictExpiredProcessor(now));
                LOG.debug("Removed {} expired entries of map {} from memory on member {}", expired.size(), mapName, memberName);
            }
        }
    }

    /**
     * Removes clean entries that were not read or written for longer than their map's max idle time from
     * memory; they stay in PostgreSQL and load again on the next read. Hazelcast's own max-idle
     * expiry is not used because it would also drop dirty entries.
     */
    private void evictIdle(long now) {
        for (Map.Entry<String, Long> idle : maxIdleMillisByMap.entrySet()) {
            String mapName = idle.getKey();
            long maxIdleMillis = idle.getValue();
            IMap<String, StoredEntry> map = hazelcast.getMap(mapName);
            IMap<String, Object> rawMap = hazelcast.getMap(mapName);

            // NOTE: one entry-view lookup per clean entry this member owns, every sweep interval.
            Set<String> idleKeys = new HashSet<>();
            for (String key : rawMap.localKeySet(new EntryPredicates.Clean())) {
                EntryView<String, StoredEntry> view = map.getEntryView(key);
                if (view == null) {
                    continue;
                }
                long lastUse = Math.max(view.getLastAccessTime(), Math.max(view.getLastUpdateTime(), view.getCreationTime()));
                if (now - lastUse > maxIdleMillis) {
                    idleKeys.add(key);
                }
            }
            if (!idleKeys.isEmpty()) {
                map.executeOnKeys(idleKeys, EvictExpiredProcessor.evictIdle());
                LOG.debug("Removed {} idle entries of map {} from memory on member {}", idleKeys.size(), mapName, memberName);
            }
        }
    }

    private boolean isOldestMember() {
        Set<Member> members = hazelcast.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    private void purgeTombstones(long now) {
        for (Shard shard : shards.values()) {
            if (!shard.circuitBreaker.allowsCall(now)) {
                continue;
            }
            for (String mapName : mapNames) {
                try {
                    int purged = shard.store.purge(mapName, settings.tombstoneRetention().toMillis(), now, PURGE_MAX_ROWS);
                    if (purged > 0) {
                        LOG.debug("Purged {} deleted or expired rows of map {} from shard {}", purged, mapName, shard.name);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Purge of deleted rows of map {} on shard {} failed; it runs again later: {}",
                            mapName, shard.name, SqlErrors.rootMessage(e));
                }
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
