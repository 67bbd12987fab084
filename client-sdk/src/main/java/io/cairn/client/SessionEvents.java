package io.cairn.client;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.session.SessionDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns the entry events of the map {@code sessions} into {@link SessionListener} calls. One
 * Hazelcast listener, with old and new values, stays registered while any session listener is
 * registered. It receives the events of every session in the cluster.
 *
 * <ul>
 *   <li>created: a live, dirty entry replaces nothing, a tombstone, or a session with another
 *       creation time. Read-through loads are clean and raise nothing.</li>
 *   <li>deleted: a tombstone replaces a session.</li>
 *   <li>expired: a session with an expiry (not a tombstone) is removed. Only the expiry sweep and
 *       the removal of an expired session found by a change or a find do that: the flusher removes
 *       only tombstones, and the members' idle eviction applies to caches, not to sessions.</li>
 * </ul>
 */
final class SessionEvents implements EntryAddedListener<String, StoredEntry>, EntryUpdatedListener<String, StoredEntry>,
        EntryRemovedListener<String, StoredEntry> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final IMap<String, StoredEntry> map;
    private final Map<UUID, SessionListener> listeners = new ConcurrentHashMap<>();

    private UUID hazelcastRegistration;

    SessionEvents(IMap<String, StoredEntry> map) {
        this.map = map;
    }

    synchronized UUID add(SessionListener listener) {
        if (hazelcastRegistration == null) {
            hazelcastRegistration = map.addEntryListener(this, true);
        }
        UUID registration = UUID.randomUUID();
        listeners.put(registration, listener);
        return registration;
    }

    synchronized boolean remove(String registrationId) {
        UUID registration;
        try {
            registration = UUID.fromString(registrationId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (listeners.remove(registration) == null) {
            return false;
        }
        if (listeners.isEmpty() && hazelcastRegistration != null) {
            map.removeEntryListener(hazelcastRegistration);
            hazelcastRegistration = null;
        }
        return true;
    }

    @Override
    public void entryAdded(EntryEvent<String, StoredEntry> event) {
        if (isCreation(null, event.getValue())) {
            dispatch(event.getKey(), "created", listener -> listener.created(event.getKey()));
        }
    }

    @Override
    public void entryUpdated(EntryEvent<String, StoredEntry> event) {
        StoredEntry previous = event.getOldValue();
        StoredEntry current = event.getValue();
        if (isCreation(previous, current)) {
            dispatch(event.getKey(), "created", listener -> listener.created(event.getKey()));
            return;
        }
        if (current != null && current.isDeleted() && previous != null && !previous.isDeleted()) {
            dispatch(event.getKey(), "deleted", listener -> listener.deleted(event.getKey()));
        }
    }

    @Override
    public void entryRemoved(EntryEvent<String, StoredEntry> event) {
        StoredEntry previous = event.getOldValue();
        if (previous != null && !previous.isDeleted() && previous.expiresAtMillis() != StoredEntry.NO_EXPIRY) {
            dispatch(event.getKey(), "expired", listener -> listener.expired(event.getKey()));
        }
    }

    private static boolean isCreation(StoredEntry previous, StoredEntry current) {
        if (current == null || current.isDeleted() || !current.isDirty()) {
            return false;
        }
        if (previous == null || previous.isDeleted()) {
            return true;
        }
        return SessionDocument.parse(previous.json()).creationTime() != SessionDocument.parse(current.json()).creationTime();
    }

    private void dispatch(String sessionId, String event, Consumer<SessionListener> call) {
        for (SessionListener listener : listeners.values()) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Session listener {} failed on the {} event of session {}", listener, event,
                        SessionIds.describe(sessionId), e);
            }
        }
    }
}
