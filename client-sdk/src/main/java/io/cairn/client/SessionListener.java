package io.cairn.client;

/**
 * Receives session events from the whole cluster, on a Hazelcast client event thread. Keep the
 * methods short and do not call the cluster from them; an exception a method throws is logged and
 * dropped.
 *
 * <p>Events come from changes of the grid, so a session that exists only in PostgreSQL raises none,
 * and a session that expired while only in PostgreSQL never raises {@link #expired(String)}.
 */
public interface SessionListener {

    /**
     * A session was created: a new live session replaced nothing, a deleted session or an expired
     * one. {@link CairnSessionStore#changeId(String, String)} raises it for the new id. A session
     * loaded from PostgreSQL by read-through does not raise it.
     */
    default void created(String sessionId) {
    }

    /**
     * An expired session left the grid. The member's expiry sweep removes an expired session once
     * its expiry is written to PostgreSQL, within seconds of expiry. A find that meets an expired,
     * already written session removes it at once, which raises the event then.
     */
    default void expired(String sessionId) {
    }

    /**
     * A session in memory was invalidated: its entry became a tombstone.
     * {@link CairnSessionStore#changeId(String, String)} raises it for the old id.
     */
    default void deleted(String sessionId) {
    }
}
