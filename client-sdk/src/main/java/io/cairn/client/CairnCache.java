package io.cairn.client;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Typed view of one Cairn cache. Values travel as UTF-8 JSON mapped by the client's Jackson mapper,
 * so members need no application classes.
 *
 * <p>Every call validates its input before anything reaches the cluster, and bulk calls validate
 * all keys and values first:
 * <ul>
 *   <li>A key must be non-empty, at most {@code maxKeyBytes} long in UTF-8, and contain neither
 *       U+0000 nor an unpaired UTF-16 surrogate, else {@link InvalidKeyException}.</li>
 *   <li>A value must be non-null, mappable to JSON by Jackson and at most {@code maxValueBytes} of
 *       JSON, else {@link InvalidValueException}.</li>
 *   <li>A value whose JSON contains the character U+0000 (NUL) in a string or field name is
 *       rejected with {@link InvalidValueException}, because PostgreSQL {@code jsonb} cannot store
 *       it. Remove or replace the character, for example by encoding binary data as Base64.</li>
 * </ul>
 *
 * <p>A read returns null for a missing, deleted or expired entry. A key that is not in memory is
 * loaded from PostgreSQL by the member (read-through). A deletion or expiry still in memory is a
 * miss without a load. Expiry is checked against the client's clock, so a skew between client and
 * member clocks shifts it by that much.
 *
 * <p>Failures are {@link CairnException} subclasses: {@link CairnUnavailableException},
 * {@link CairnBackpressureException} and {@link CairnTimeoutException} are retryable. Every call is
 * bounded by the client's operation timeout. Implementations are thread-safe.
 *
 * @param <V> value type
 */
public interface CairnCache<V> {

    /** Returns the cache name, without the {@code cache.} prefix of its Hazelcast map. */
    String name();

    /** Returns the value of {@code key}, or null when the entry is missing, deleted or expired. */
    V get(String key);

    /**
     * Returns the values of {@code keys} in one round of calls. Keys without a live entry are absent
     * from the result, and duplicate keys are read once. The result is a new mutable map.
     */
    Map<String, V> getAll(Collection<String> keys);

    /** Returns true when {@code key} has a live entry; the same as {@code get(key) != null}. */
    boolean containsKey(String key);

    /** Stores {@code value} under {@code key} with the cache's default time to live. */
    void put(String key, V value);

    /**
     * Stores {@code value} under {@code key} so that the entry expires {@code ttl} after this write.
     *
     * @param ttl time to live, positive and at most 100 years (sub-millisecond parts round up to
     *     one millisecond). Use {@link #put(String, Object)} for the cache's default.
     * @throws IllegalArgumentException when {@code ttl} is null, zero, negative or too long
     */
    void put(String key, V value, Duration ttl);

    /**
     * Stores every entry of {@code entries} with the cache's default time to live, sending the
     * writes in parallel. All keys and values are validated before the first write, so invalid input
     * writes nothing. If the cluster fails some writes, the others stay written: the exception
     * names the failed keys, and repeating the call is safe.
     */
    void putAll(Map<String, ? extends V> entries);

    /**
     * Deletes the entry of {@code key}. The member records a deletion even when no value is in
     * memory, because the value may exist only in PostgreSQL. It does not report whether a value
     * existed, so this method returns nothing.
     */
    void delete(String key);
}
