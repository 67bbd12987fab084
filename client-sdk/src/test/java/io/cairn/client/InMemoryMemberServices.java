package io.cairn.client;

import io.cairn.protocol.BackpressureException;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.StoredEntry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Member services for tests: rows held in memory in place of PostgreSQL, a switch that makes
 * every write fail with backpressure, and counters of dirty writes and loads.
 */
final class InMemoryMemberServices implements MemberServices {

    private final Map<String, StoredEntry> rows = new ConcurrentHashMap<>();
    private final AtomicInteger dirtyWrites = new AtomicInteger();
    private final AtomicInteger loads = new AtomicInteger();

    private volatile boolean rejectWrites;
    private volatile CountDownLatch loadGate;

    @Override
    public void checkWritable(String mapName, String key) {
        if (rejectWrites) {
            throw new BackpressureException("member holds too many dirty entries for map " + mapName);
        }
    }

    @Override
    public void recordDirty(String mapName, String key, long version) {
        dirtyWrites.incrementAndGet();
    }

    @Override
    public long defaultTtlMillis(String mapName) {
        return 0L;
    }

    @Override
    public StoredEntry load(String mapName, String key) {
        loads.incrementAndGet();
        CountDownLatch gate = loadGate;
        if (gate != null) {
            awaitGate(gate);
        }
        return rows.get(mapName + '/' + key);
    }

    /** Makes every load wait until the returned latch is counted down, like a stalled database. */
    CountDownLatch holdLoads() {
        CountDownLatch gate = new CountDownLatch(1);
        loadGate = gate;
        return gate;
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load gate was not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a load waited for its gate", e);
        }
    }

    void putRow(String mapName, String key, StoredEntry row) {
        rows.put(mapName + '/' + key, row);
    }

    void rejectWrites(boolean reject) {
        rejectWrites = reject;
    }

    int dirtyWrites() {
        return dirtyWrites.get();
    }

    int loads() {
        return loads.get();
    }

    void reset() {
        rows.clear();
        dirtyWrites.set(0);
        loads.set(0);
        rejectWrites = false;
        CountDownLatch gate = loadGate;
        loadGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }
}
