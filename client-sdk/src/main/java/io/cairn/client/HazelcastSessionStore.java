package io.cairn.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.cairn.protocol.EvictExpiredProcessor;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.session.SessionCreateProcessor;
import io.cairn.protocol.session.SessionDeleteProcessor;
import io.cairn.protocol.session.SessionDelta;
import io.cairn.protocol.session.SessionDocument;
import io.cairn.protocol.session.SessionUpdateProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@link CairnSessionStore} over the Hazelcast map {@code sessions}. Every change is a session entry
 * processor, so the owner versions it and marks it for write-behind.
 */
final class HazelcastSessionStore implements CairnSessionStore {

    /** Name used for the session map in messages. */
    static final String STORE_NAME = MapNames.SESSIONS;

    /** Copies a change of id makes at most before it gives up on a session that keeps changing. */
    static final int MAX_CHANGE_ID_ATTEMPTS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSessionStore.class);

    private final IMap<String, StoredEntry> map;
    private final ObjectMapper objectMapper;
    private final JsonCodec codec;
    private final int maxKeyBytes;
    private final Invoker invoker;
    private final SessionIds ids = new SessionIds();
    private final SessionEvents events;

    HazelcastSessionStore(IMap<String, StoredEntry> map, ObjectMapper objectMapper, JsonCodec codec, int maxKeyBytes,
            Invoker invoker) {
        this.map = map;
        this.objectMapper = objectMapper;
        this.codec = codec;
        this.maxKeyBytes = maxKeyBytes;
        this.invoker = invoker;
        this.events = new SessionEvents(map);
    }

    @Override
    public String generateId() {
        return ids.generate();
    }

    @Override
    public CairnSession create() {
        return create(generateId(), new SessionUpdate());
    }

    @Override
    public CairnSession create(Duration maxInactiveInterval) {
        return create(generateId(), new SessionUpdate().maxInactiveInterval(maxInactiveInterval));
    }

    @Override
    public CairnSession create(String id, SessionUpdate initial) {
        validateId(id);
        Objects.requireNonNull(initial, "initial");
        SessionDelta delta = toDelta(id, initial);

        long now = System.currentTimeMillis();
        int seconds = SessionUpdate.toSeconds(DEFAULT_MAX_INACTIVE_INTERVAL);
        SessionDocument document = SessionDocument.newSession(id, now, seconds).apply(delta);
        Call call = call("create", id);
        Deadline deadline = invoker.start(call);

        Boolean created = invoker.await(map.submitToKey(id, SessionCreateProcessor.create(MapNames.SESSIONS,
                document.toJson())), deadline, call);
        if (!Boolean.TRUE.equals(created)) {
            throw new CairnException(call + " failed: a live session already has this id. Use generateId() for new"
                    + " sessions.", null);
        }
        return new CairnSession(document, 0L, objectMapper);
    }

    @Override
    public CairnSession find(String id) {
        return find(id, true);
    }

    @Override
    public CairnSession find(String id, boolean touch) {
        validateId(id);
        if (touch) {
            StoredEntry touched = apply(id, new SessionDelta().touch(System.currentTimeMillis()), call("find", id));
            return touched == null ? null : toSession(touched);
        }

        Call call = call("find", id);
        Deadline deadline = invoker.start(call);
        StoredEntry entry = readLive(id, deadline, call);
        return entry == null ? null : toSession(entry);
    }

    @Override
    public CairnSession update(String id, SessionUpdate update) {
        validateId(id);
        Objects.requireNonNull(update, "update");
        SessionDelta delta = toDelta(id, update);
        Call call = call("update", id);

        StoredEntry updated = apply(id, delta, call);
        if (updated == null) {
            throw new SessionNotFoundException(id, "update of session");
        }
        return toSession(updated);
    }

    @Override
    public CairnSession setAttribute(String id, String name, Object value) {
        return update(id, new SessionUpdate().setAttribute(name, value));
    }

    @Override
    public CairnSession removeAttribute(String id, String name) {
        return update(id, new SessionUpdate().removeAttribute(name));
    }

    @Override
    public CairnSession setMaxInactiveInterval(String id, Duration maxInactiveInterval) {
        return update(id, new SessionUpdate().maxInactiveInterval(maxInactiveInterval));
    }

    @Override
    public CairnSession setPrincipal(String id, String principal) {
        return update(id, new SessionUpdate().principal(principal));
    }

    @Override
    public boolean invalidate(String id) {
        validateId(id);
        Call call = call("invalidate", id);
        Deadline deadline = invoker.start(call);

        return Boolean.TRUE.equals(invoker.await(map.submitToKey(id, SessionDeleteProcessor.delete(MapNames.SESSIONS)),
                deadline, call));
    }

    @Override
    public String changeId(String id) {
        return changeId(id, generateId());
    }

    @Override
    public String changeId(String id, String newId) {
        validateId(id);
        validateId(newId);
        if (id.equals(newId)) {
            throw new IllegalArgumentException("changeId needs a new id that differs from the current one");
        }
        Call call = call("changeId", id);
        Deadline deadline = invoker.start(call);

        for (int attempt = 0; attempt < MAX_CHANGE_ID_ATTEMPTS; attempt++) {
            StoredEntry current = readLive(id, deadline, call);
            if (current == null) {
                if (attempt > 0) {
                    // The old id was invalidated after the first copy: the copy must not outlive it.
                    invoker.await(map.submitToKey(newId, SessionDeleteProcessor.delete(MapNames.SESSIONS)), deadline, call);
                }
                throw new SessionNotFoundException(id, "changeId of session");
            }

            byte[] copy = SessionDocument.parse(current.json()).withId(newId).toJson();
            SessionCreateProcessor store = attempt == 0
                    ? SessionCreateProcessor.create(MapNames.SESSIONS, copy)
                    : SessionCreateProcessor.replace(MapNames.SESSIONS, copy);
            if (!Boolean.TRUE.equals(invoker.await(map.submitToKey(newId, store), deadline, call))) {
                throw new CairnException(call + " failed: a live session already has the new id "
                        + SessionIds.describe(newId) + ". Use generateId() for the new id.", null);
            }

            SessionDeleteProcessor fence = SessionDeleteProcessor.deleteIfVersion(MapNames.SESSIONS, current.version());
            if (Boolean.TRUE.equals(invoker.await(map.submitToKey(id, fence), deadline, call))) {
                return newId;
            }
            LOG.debug("Session {} changed during its change of id; copying it again", SessionIds.describe(id));
        }
        throw new CairnException(call + " failed: the session changed during each of " + MAX_CHANGE_ID_ATTEMPTS
                + " copies to the new id. Retry when fewer requests change it at once.", null, true);
    }

    @Override
    public Map<String, CairnSession> findByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        Call call = new Call("findByPrincipal", STORE_NAME, null);
        Deadline deadline = invoker.start(call);

        Set<String> keys = invoker.callBlocking(() -> map.keySet(Predicates.equal("indexValue", principal)), deadline, call);
        if (keys.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, StoredEntry> entries = invoker.callBlocking(() -> map.getAll(new HashSet<>(keys)), deadline, call);

        Map<String, CairnSession> sessions = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<String, StoredEntry> entry : entries.entrySet()) {
            StoredEntry stored = entry.getValue();
            if (stored != null && stored.isLive(now) && principal.equals(stored.getIndexValue())) {
                sessions.put(entry.getKey(), toSession(stored));
            }
        }
        return sessions;
    }

    @Override
    public String addListener(SessionListener listener) {
        Objects.requireNonNull(listener, "listener");
        Call call = new Call("addListener", STORE_NAME, null);
        Deadline deadline = invoker.start(call);

        UUID registration = invoker.callBlocking(() -> events.add(listener), deadline, call);
        return registration.toString();
    }

    @Override
    public boolean removeListener(String registrationId) {
        Objects.requireNonNull(registrationId, "registrationId");
        Call call = new Call("removeListener", STORE_NAME, null);
        Deadline deadline = invoker.start(call);

        return invoker.callBlocking(() -> events.remove(registrationId), deadline, call);
    }

    /**
     * Applies {@code delta} on the owner and returns the new entry, or null when the session is
     * missing, invalidated or expired. A session not in memory is loaded by read-through first. The
     * owner returns a tombstone for an invalidated or expired session.
     */
    private StoredEntry apply(String id, SessionDelta delta, Call call) {
        Deadline deadline = invoker.start(call);
        SessionUpdateProcessor processor = new SessionUpdateProcessor(MapNames.SESSIONS, delta);

        StoredEntry result = invoker.await(map.submitToKey(id, processor), deadline, call);
        if (result == null) {
            StoredEntry loaded = invoker.await(map.submitToKey(id, new LoadProcessor(MapNames.SESSIONS)), deadline, call);
            if (loaded == null) {
                return null;
            }
            result = invoker.await(map.submitToKey(id, processor), deadline, call);
        }

        return result == null || result.isDeleted() ? null : result;
    }

    /**
     * Returns the live entry of {@code id}, loading it by read-through when it is not in memory. A
     * tombstone or an expired entry in memory is a miss without a load.
     */
    private StoredEntry readLive(String id, Deadline deadline, Call call) {
        StoredEntry entry = invoker.await(map.getAsync(id), deadline, call);
        if (entry == null) {
            entry = invoker.await(map.submitToKey(id, new LoadProcessor(MapNames.SESSIONS)), deadline, call);
        }
        if (entry == null || entry.isDeleted()) {
            return null;
        }
        if (entry.isExpired(System.currentTimeMillis())) {
            evictExpired(id, entry);
            return null;
        }
        return entry;
    }

    /**
     * Asks the owner to drop an expired session that is already written to PostgreSQL, which raises
     * the expired event now rather than at the next sweep. The owner keeps a dirty entry until the
     * flusher has written its expiry. The call does not wait: the sweep removes the entry anyway.
     */
    private void evictExpired(String id, StoredEntry expired) {
        if (expired.expiresAtMillis() == StoredEntry.NO_EXPIRY) {
            return;
        }
        map.submitToKey(id, new EvictExpiredProcessor(expired.expiresAtMillis()));
    }

    private CairnSession toSession(StoredEntry entry) {
        return new CairnSession(SessionDocument.parse(entry.json()), entry.version(), objectMapper);
    }

    private SessionDelta toDelta(String id, SessionUpdate update) {
        SessionDelta delta = new SessionDelta();
        for (String name : update.removedAttributes()) {
            validateAttributeName(id, name);
            delta.removeAttribute(name);
        }
        for (Map.Entry<String, Object> set : update.setAttributes().entrySet()) {
            validateAttributeName(id, set.getKey());
            delta.setAttribute(set.getKey(), encode(id, set.getKey(), set.getValue()));
        }
        if (update.lastAccessedTime() != null) {
            delta.touch(update.lastAccessedTime().toEpochMilli());
        }
        if (update.maxInactiveInterval() != null) {
            delta.maxInactiveInterval(SessionUpdate.toSeconds(update.maxInactiveInterval()));
        }
        if (update.hasPrincipal()) {
            delta.principal(update.principal());
        }
        return delta;
    }

    private byte[] encode(String id, String name, Object value) {
        try {
            return codec.encode(STORE_NAME, name, value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("Invalid value for attribute '" + name + "' of session "
                    + SessionIds.describe(id) + ": " + e.getMessage(), e);
        }
    }

    private void validateId(String id) {
        Keys.validate(id, maxKeyBytes, STORE_NAME);
    }

    private static void validateAttributeName(String id, String name) {
        String where = " of session " + SessionIds.describe(id);
        if (name == null || name.isEmpty()) {
            throw new InvalidKeyException("Invalid attribute name " + Keys.describe(name) + where
                    + ": pass a non-empty name.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                throw new InvalidKeyException("Invalid attribute name " + Keys.describe(name) + where + ": it contains"
                        + " U+0000 (NUL) at index " + i + ", which PostgreSQL jsonb cannot store. Remove the character.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new InvalidKeyException("Invalid attribute name " + Keys.describe(name) + where + ": it contains an"
                        + " unpaired UTF-16 surrogate at index " + i + ". Build the name from complete characters.");
            }
        }
    }

    private static Call call(String operation, String id) {
        return new Call(operation, STORE_NAME, "session " + SessionIds.describe(id));
    }
}
