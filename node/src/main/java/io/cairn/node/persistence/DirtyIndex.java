package io.cairn.node.persistence;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Member-local index of keys that may hold a dirty entry, so that a flush round reads only those
 * keys instead of scanning whole maps.
 *
 * <p>The index is a hint, and the entry in the grid is the truth. Write processors add keys on
 * the partition owner. Keys whose entries arrive by promotion or migration are added by a rescan.
 * A key is removed only when the stamp it carries is the one the flusher saw, so a write that
 * lands during a flush keeps its key in the index.
 */
final class DirtyIndex {

    /** Stamp of keys found by a rescan, whose version is not known until the entry is read. */
    static final long RESCANNED = -1L;

    private final Map<String, ConcurrentHashMap<String, Long>> keysByMap = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();

    void record(String mapName, String key, long version) {
        Long previous = keys(mapName).put(key, version);
        if (previous == null) {
            size.incrementAndGet();
        }
    }

    void recordIfAbsent(String mapName, String key) {
        Long previous = keys(mapName).putIfAbsent(key, RESCANNED);
        if (previous == null) {
            size.incrementAndGet();
        }
    }

    /** Removes {@code key} if it still carries {@code stamp}. */
    void remove(String mapName, String key, long stamp) {
        if (keys(mapName).remove(key, stamp)) {
            size.decrementAndGet();
        }
    }

    /** Returns a copy of the keys of {@code mapName} with their stamps. */
    Map<String, Long> snapshot(String mapName) {
        return new HashMap<>(keys(mapName));
    }

    /** Returns the stamp of {@code key} in {@code mapName}, or null when the key is not indexed. */
    Long stamp(String mapName, String key) {
        return keys(mapName).get(key);
    }

    /** Returns a copy of every indexed key with its stamp, by map. */
    Map<String, Map<String, Long>> snapshotAll() {
        Map<String, Map<String, Long>> copy = new HashMap<>();
        keysByMap.forEach((mapName, keys) -> copy.put(mapName, new HashMap<>(keys)));
        return copy;
    }

    int size(String mapName) {
        return keys(mapName).size();
    }

    /** Returns the number of indexed keys over all maps. */
    long size() {
        return size.get();
    }

    private ConcurrentHashMap<String, Long> keys(String mapName) {
        return keysByMap.computeIfAbsent(mapName, name -> new ConcurrentHashMap<>());
    }
}
