package io.cairn.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The last acknowledged write of every key of one cache: a value with its expiry, or a deletion.
 * Writes whose outcome is unknown are kept as in doubt until the key's next acknowledged write;
 * the demo retries such writes until one is acknowledged, so at the end no key should have any.
 *
 * <p>Thread-safe. The demo writes each key from one thread only, so the order of
 * acknowledgements of a key is the order in which the cluster applied them.
 *
 * @param <V> value type
 */
final class Ledger<V> {

    /**
     * Last acknowledged write of a key.
     *
     * @param value the value, or null for a deletion
     * @param expiresAtMillis epoch milliseconds at which the value expires, or 0 for never
     */
    record Expected<V>(V value, long expiresAtMillis) {

        boolean deleted() {
            return value == null;
        }

        /** True if the value expired at {@code nowMillis}; false for a deletion or a value without expiry. */
        boolean expiredAt(long nowMillis) {
            return expiresAtMillis > 0 && expiresAtMillis <= nowMillis;
        }
    }

    private final Map<String, Expected<V>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> inDoubt = new ConcurrentHashMap<>();

    void acknowledgePut(String key, V value, long expiresAtMillis) {
        acknowledged.put(key, new Expected<>(value, expiresAtMillis));
        inDoubt.remove(key);
    }

    void acknowledgeDelete(String key) {
        acknowledged.put(key, new Expected<>(null, 0));
        inDoubt.remove(key);
    }

    /** Records a write of {@code key} that failed without an acknowledgement: {@code value}, or null for a delete. */
    void markInDoubt(String key, V value) {
        inDoubt.computeIfAbsent(key, ignored -> new CopyOnWriteArrayList<>()).add(value == null ? "delete" : value);
    }

    Expected<V> expected(String key) {
        return acknowledged.get(key);
    }

    Set<String> keys() {
        return acknowledged.keySet();
    }

    /** Keys with a write whose outcome stayed unknown. */
    Set<String> keysInDoubt() {
        return inDoubt.keySet();
    }

    int size() {
        return acknowledged.size();
    }
}
