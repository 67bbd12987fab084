package io.cairn.client;

import java.time.Duration;
import java.util.Map;

/**
 * HTTP sessions stored in the Cairn map {@code sessions}, obtained from {@link CairnClient#sessions()}.
 *
 * <p>A session is one JSON document: id, creation and last access times, max inactive interval,
 * principal name and named attributes whose values are JSON mapped by the client's Jackson mapper.
 * Every change runs on the session's partition owner as a delta: it sets or removes only the
 * attributes it names, so concurrent requests that change different attributes never lose each
 * other's changes. Each change gets a new version and is written behind to PostgreSQL, and a
 * session that is not in memory is loaded from PostgreSQL (read-through).
 *
 * <p>A session expires when its max inactive interval passes after its last access. Expired and
 * invalidated sessions are misses everywhere: {@link #find(String)} returns null and changes throw
 * {@link SessionNotFoundException}. Expiry is checked against the client's clock by reads without
 * touch, and against the owner's clock by changes.
 *
 * <p>Attribute names must be non-empty and contain neither U+0000 nor an unpaired surrogate
 * ({@link InvalidKeyException}). Attribute values follow the rules of cache values: non-null,
 * mappable to JSON, at most {@code maxValueBytes}, no U+0000 in the JSON
 * ({@link InvalidValueException}). Failures are the {@link CairnException} subclasses of the cache
 * API, and every call is bounded by the client's operation timeout.
 *
 * <p>Implementations are thread-safe.
 */
public interface CairnSessionStore {

    /**
     * Max inactive interval of sessions created without one.
     *
     * <p>NOTE: the members' setting {@code sessions.max-inactive-interval} does not reach clients, so
     * this constant applies instead.
     */
    Duration DEFAULT_MAX_INACTIVE_INTERVAL = Duration.ofMinutes(30);

    /** Returns a new random session id: 32 bytes from {@link java.security.SecureRandom}, Base64url without padding. */
    String generateId();

    /** Creates a session with a new id and the default max inactive interval. */
    CairnSession create();

    /**
     * Creates a session with a new id.
     *
     * @param maxInactiveInterval idle time after which the session expires; negative for never
     */
    CairnSession create(Duration maxInactiveInterval);

    /**
     * Creates a session under {@code id} with the content of {@code initial} (attributes, principal,
     * max inactive interval; default {@link #DEFAULT_MAX_INACTIVE_INTERVAL}).
     *
     * @throws CairnException when a live session already has the id in memory. The check does not
     *     read PostgreSQL, so pass ids from {@link #generateId()}, which cannot collide.
     */
    CairnSession create(String id, SessionUpdate initial);

    /**
     * Returns the live session {@code id} and moves its last access time to now, or null when it is
     * missing, invalidated or expired. Same as {@code find(id, true)}.
     */
    CairnSession find(String id);

    /**
     * Returns the live session {@code id}, or null when it is missing, invalidated or expired.
     *
     * @param touch true to move the last access time to now in the same call. That writes the
     *     session. False reads it and leaves the expiry as it is.
     */
    CairnSession find(String id, boolean touch);

    /**
     * Applies {@code update} to the live session {@code id} and returns the session after it.
     *
     * @throws SessionNotFoundException when the session is missing, invalidated or expired
     */
    CairnSession update(String id, SessionUpdate update);

    /** Sets one attribute; see {@link #update(String, SessionUpdate)}. */
    CairnSession setAttribute(String id, String name, Object value);

    /** Removes one attribute; see {@link #update(String, SessionUpdate)}. */
    CairnSession removeAttribute(String id, String name);

    /** Sets the max inactive interval, negative for never; see {@link #update(String, SessionUpdate)}. */
    CairnSession setMaxInactiveInterval(String id, Duration maxInactiveInterval);

    /** Sets the principal name, or clears it with null; see {@link #update(String, SessionUpdate)}. */
    CairnSession setPrincipal(String id, String principal);

    /**
     * Invalidates session {@code id}: it becomes a tombstone that the flusher deletes from
     * PostgreSQL. Works when the session is only in PostgreSQL, and does nothing visible when it is
     * missing. Returns true when a live session was in memory.
     */
    boolean invalidate(String id);

    /** Moves session {@code id} to a new id from {@link #generateId()} and returns the new id. */
    String changeId(String id);

    /**
     * Moves session {@code id} to {@code newId}, keeping its content.
     *
     * <p>Guarantee: at every moment the session is found under the old id, the new id, or both,
     * and no change acknowledged on the old id is lost. The store copies the session to the new id.
     * It then deletes the old id only if its version did not change since the copy, and otherwise
     * copies again. After the call, changes to the old id fail with {@link SessionNotFoundException}. For a
     * moment both ids may exist, so {@link #findByPrincipal(String)} can return both.
     *
     * @throws SessionNotFoundException when session {@code id} is missing, invalidated or expired
     * @throws CairnException when {@code newId} already has a live session, or the session changed
     *     on every one of the attempts
     */
    String changeId(String id, String newId);

    /**
     * Returns the live sessions in memory whose principal is {@code principal}, by id.
     *
     * <p>NOTE: sessions that are only in PostgreSQL, for example after a restart of the whole
     * cluster before anyone read them, are not found: the query runs on the grid, not on the
     * {@code index_value} column of the shards.
     */
    Map<String, CairnSession> findByPrincipal(String principal);

    /**
     * Registers {@code listener} for created, expired and deleted events of every session in the
     * cluster, and returns a registration id for {@link #removeListener(String)}. See
     * {@link SessionListener} for when each event fires.
     */
    String addListener(SessionListener listener);

    /** Removes a listener; returns false when the registration id is unknown. */
    boolean removeListener(String registrationId);
}
