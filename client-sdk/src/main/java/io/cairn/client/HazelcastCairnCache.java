package io.cairn.client;

import com.fasterxml.jackson.databind.JavaType;
import com.hazelcast.map.IMap;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.WriteProcessor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@link CairnCache} over the Hazelcast map {@code cache.<name>}. Writes go only through
 * {@link WriteProcessor}, so the member stamps each one with a version and marks it for write-behind.
 */
final class HazelcastCairnCache<V> implements CairnCache<V> {

    /** Longest accepted time to live. */
    static final Duration MAX_TTL = Duration.ofDays(36_500);

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final String name;
    private final String mapName;
    private final IMap<String, StoredEntry> map;
    private final JavaType type;
    private final JsonCodec codec;
    private final int maxKeyBytes;
    private final Invoker invoker;

    HazelcastCairnCache(String name, IMap<String, StoredEntry> map, JavaType type, JsonCodec codec, int maxKeyBytes,
            Invoker invoker) {
        this.name = name;
        this.mapName = MapNames.cacheMap(name);
        this.map = map;
        this.type = type;
        this.codec = codec;
        this.maxKeyBytes = maxKeyBytes;
        this.invoker = invoker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public V get(String key) {
        Keys.validate(key, maxKeyBytes, name);
        Call call = Call.forKey("get", name, key);
        Deadline deadline = invoker.start(call);

        StoredEntry entry = readLive(key, deadline, call);
        return entry == null ? null : codec.decode(name, key, entry.json(), type);
    }

    @Override
    public boolean containsKey(String key) {
        Keys.validate(key, maxKeyBytes, name);
        Call call = Call.forKey("containsKey", name, key);
        Deadline deadline = invoker.start(call);

        return readLive(key, deadline, call) != null;
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<String> distinct = Keys.validateAll(keys, maxKeyBytes, name);
        if (distinct.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Call call = Call.forKeys("getAll", name, distinct);
        Deadline deadline = invoker.start(call);

        Map<String, StoredEntry> inMemory = invoker.callBlocking(() -> map.getAll(distinct), deadline, call);

        Map<String, CompletionStage<StoredEntry>> loads = new LinkedHashMap<>();
        for (String key : distinct) {
            if (inMemory.get(key) == null) {
                loads.put(key, map.submitToKey(key, new LoadProcessor(mapName)));
            }
        }

        Map<String, V> values = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (String key : distinct) {
            CompletionStage<StoredEntry> load = loads.get(key);
            StoredEntry entry = load == null ? inMemory.get(key) : invoker.await(load, deadline, call);
            if (entry != null && entry.isLive(now)) {
                values.put(key, codec.decode(name, key, entry.json(), type));
            }
        }
        return values;
    }

    @Override
    public void put(String key, V value) {
        write("put", key, value, WriteProcessor.DEFAULT_TTL);
    }

    @Override
    public void put(String key, V value, Duration ttl) {
        Keys.validate(key, maxKeyBytes, name);
        write("put", key, value, ttlMillis(key, ttl));
    }

    @Override
    public void putAll(Map<String, ? extends V> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, byte[]> encoded = new LinkedHashMap<>(entries.size() * 2);
        for (Map.Entry<String, ? extends V> entry : entries.entrySet()) {
            Keys.validate(entry.getKey(), maxKeyBytes, name);
            encoded.put(entry.getKey(), codec.encode(name, entry.getKey(), entry.getValue()));
        }
        if (encoded.isEmpty()) {
            return;
        }
        Call call = Call.forKeys("putAll", name, encoded.keySet());
        Deadline deadline = invoker.start(call);

        // NOTE: all writes of one putAll are in flight at once, with no bound on their number.
        Map<String, CompletionStage<Void>> writes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : encoded.entrySet()) {
            String key = entry.getKey();
            writes.put(key, map.submitToKey(key, WriteProcessor.put(mapName, entry.getValue(), WriteProcessor.DEFAULT_TTL)));
        }

        awaitAllWrites(writes, deadline, call);
    }

    @Override
    public void delete(String key) {
        Keys.validate(key, maxKeyBytes, name);
        Call call = Call.forKey("delete", name, key);
        Deadline deadline = invoker.start(call);

        invoker.await(map.submitToKey(key, WriteProcessor.delete(mapName)), deadline, call);
    }

    private void write(String operation, String key, V value, long ttlMillis) {
        Keys.validate(key, maxKeyBytes, name);
        byte[] json = codec.encode(name, key, value);
        Call call = Call.forKey(operation, name, key);
        Deadline deadline = invoker.start(call);

        invoker.await(map.submitToKey(key, WriteProcessor.put(mapName, json, ttlMillis)), deadline, call);
    }

    /**
     * Returns the entry of {@code key} when it is live. An absent entry is loaded from PostgreSQL,
     * but a deleted or expired entry in memory is a miss without a load.
     */
    private StoredEntry readLive(String key, Deadline deadline, Call call) {
        StoredEntry entry = invoker.callDirect(() -> map.get(key), deadline, call);
        if (entry == null) {
            entry = invoker.await(map.submitToKey(key, new LoadProcessor(mapName)), deadline, call);
        }
        return entry != null && entry.isLive(System.currentTimeMillis()) ? entry : null;
    }

    /** Waits for every write, then reports the keys that failed, so none is left unobserved. */
    private void awaitAllWrites(Map<String, CompletionStage<Void>> writes, Deadline deadline, Call call) {
        List<String> failedKeys = new ArrayList<>();
        CairnException firstFailure = null;
        for (Map.Entry<String, CompletionStage<Void>> write : writes.entrySet()) {
            try {
                invoker.await(write.getValue(), deadline, call);
            } catch (CairnException e) {
                failedKeys.add(write.getKey());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure == null) {
            return;
        }

        int written = writes.size() - failedKeys.size();
        throw Invoker.withMessage(firstFailure, "putAll on cache '" + name + "' wrote " + written + " of " + writes.size()
                + " entries; failed for " + Call.describeKeys(failedKeys) + ". First failure: "
                + firstFailure.getMessage());
    }

    private long ttlMillis(String key, Duration ttl) {
        String where = " for key " + Keys.describe(key) + " in cache '" + name + "'";
        if (ttl == null) {
            throw new IllegalArgumentException("ttl is null" + where + ": pass a positive duration, or call put(key, value)"
                    + " for the cache's default time to live");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl is " + ttl + where + ": pass a positive duration, or call"
                    + " put(key, value) for the cache's default time to live");
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl is " + ttl + where + ", above the maximum of " + MAX_TTL
                    + ": pass a shorter duration, or call put(key, value) for the cache's default time to live");
        }
        return (ttl.toNanos() + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
    }
}
