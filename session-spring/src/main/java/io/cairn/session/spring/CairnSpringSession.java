package io.cairn.session.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.cairn.client.CairnSession;
import io.cairn.client.SessionUpdate;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Spring Session {@link Session} stored in Cairn. It records what the request changed, and
 * {@link CairnSessionRepository#save} sends only that: changed attributes, the last access time,
 * the max inactive interval, a new id and the principal. Attribute values are read from the stored
 * JSON when first requested. Like every Spring Session, an instance belongs to one request thread.
 */
public final class CairnSpringSession implements Session {

    private final CairnSessionRepository repository;
    private final Instant creationTime;
    private final Map<String, JsonNode> storedJson;
    private final Map<String, Object> decoded = new HashMap<>();
    private final Map<String, Object> changed = new LinkedHashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();

    private String id;
    private String storedId;
    private boolean isNew;
    private Instant lastAccessedTime;
    private Duration maxInactiveInterval;
    private boolean lastAccessedTimeChanged;
    private boolean maxInactiveIntervalChanged;
    private String storedPrincipal;

    private CairnSpringSession(CairnSessionRepository repository, String id, boolean isNew, Instant creationTime,
            Instant lastAccessedTime, Duration maxInactiveInterval, Map<String, JsonNode> storedJson, String principal) {
        this.repository = repository;
        this.id = id;
        this.storedId = id;
        this.isNew = isNew;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveInterval = maxInactiveInterval;
        this.storedJson = new HashMap<>(storedJson);
        this.storedPrincipal = principal;
    }

    static CairnSpringSession newSession(CairnSessionRepository repository, String id, Duration maxInactiveInterval) {
        Instant now = Instant.now();
        CairnSpringSession session = new CairnSpringSession(repository, id, true, now, now, maxInactiveInterval,
                Map.of(), null);
        session.maxInactiveIntervalChanged = true;
        return session;
    }

    static CairnSpringSession stored(CairnSessionRepository repository, CairnSession stored) {
        return new CairnSpringSession(repository, stored.id(), false, stored.creationTime(), stored.lastAccessedTime(),
                stored.maxInactiveInterval(), stored.attributesJson(), stored.principal());
    }

    @Override
    public String getId() {
        return id;
    }

    /** Gives the session a new id; the repository moves the stored session on the next save. */
    @Override
    public String changeSessionId() {
        id = repository.generateId();
        if (isNew) {
            storedId = id;
        }
        return id;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String attributeName) {
        if (removed.contains(attributeName)) {
            return null;
        }
        Object value = changed.containsKey(attributeName) ? changed.get(attributeName) : decodedValue(attributeName);
        if (value != null && repository.saveMode() == SaveMode.ON_GET_ATTRIBUTE) {
            changed.put(attributeName, value);
        }
        return (T) value;
    }

    @Override
    public Set<String> getAttributeNames() {
        Set<String> names = new LinkedHashSet<>(storedJson.keySet());
        names.addAll(changed.keySet());
        names.removeAll(removed);
        return names;
    }

    @Override
    public void setAttribute(String attributeName, Object attributeValue) {
        if (attributeValue == null) {
            removeAttribute(attributeName);
            return;
        }
        removed.remove(attributeName);
        changed.put(attributeName, attributeValue);
        flushIfImmediate();
    }

    @Override
    public void removeAttribute(String attributeName) {
        changed.remove(attributeName);
        decoded.remove(attributeName);
        removed.add(attributeName);
        flushIfImmediate();
    }

    @Override
    public Instant getCreationTime() {
        return creationTime;
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        this.lastAccessedTime = lastAccessedTime;
        this.lastAccessedTimeChanged = true;
        flushIfImmediate();
    }

    @Override
    public Instant getLastAccessedTime() {
        return lastAccessedTime;
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        this.maxInactiveInterval = interval;
        this.maxInactiveIntervalChanged = true;
        flushIfImmediate();
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return maxInactiveInterval;
    }

    @Override
    public boolean isExpired() {
        if (maxInactiveInterval.isNegative()) {
            return false;
        }
        return !lastAccessedTime.plus(maxInactiveInterval).isAfter(Instant.now());
    }

    boolean isNew() {
        return isNew;
    }

    String storedId() {
        return storedId;
    }

    String storedPrincipal() {
        return storedPrincipal;
    }

    /** True when this save sets or removes an attribute that decides the principal. */
    boolean changesAny(Set<String> attributeNames) {
        for (String name : attributeNames) {
            if (changed.containsKey(name) || removed.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns what to send on save: under {@link SaveMode#ALWAYS} every attribute, otherwise the
     * changed ones (for {@link SaveMode#ON_GET_ATTRIBUTE} those read too).
     */
    SessionUpdate pendingUpdate(AttributeCodec codec) {
        SessionUpdate update = new SessionUpdate();
        if (repository.saveMode() == SaveMode.ALWAYS) {
            for (Map.Entry<String, JsonNode> stored : storedJson.entrySet()) {
                String name = stored.getKey();
                if (changed.containsKey(name) || removed.contains(name)) {
                    continue;
                }
                Object value = decoded.get(name);
                update.setAttribute(name, value != null ? codec.encode(value) : stored.getValue());
            }
        }
        changed.forEach((name, value) -> update.setAttribute(name, codec.encode(value)));
        removed.forEach(update::removeAttribute);

        if (lastAccessedTimeChanged || isNew) {
            update.touch(lastAccessedTime);
        }
        if (maxInactiveIntervalChanged || isNew) {
            update.maxInactiveInterval(maxInactiveInterval.isZero() ? Duration.ofSeconds(-1) : maxInactiveInterval);
        }
        return update;
    }

    /** Records that everything pending is stored under the current id with {@code principal}. */
    void markSaved(String principal) {
        for (Map.Entry<String, Object> value : changed.entrySet()) {
            // The decoded value is authoritative from now on, so its JSON is not kept.
            storedJson.put(value.getKey(), NullNode.getInstance());
            decoded.put(value.getKey(), value.getValue());
        }
        removed.forEach(storedJson::remove);
        changed.clear();
        removed.clear();
        lastAccessedTimeChanged = false;
        maxInactiveIntervalChanged = false;
        isNew = false;
        storedId = id;
        storedPrincipal = principal;
    }

    private Object decodedValue(String attributeName) {
        Object value = decoded.get(attributeName);
        if (value != null) {
            return value;
        }
        JsonNode json = storedJson.get(attributeName);
        if (json == null) {
            return null;
        }
        value = repository.codec().decode("session " + describeId(), attributeName, json);
        decoded.put(attributeName, value);
        return value;
    }

    private String describeId() {
        return id.length() <= 6 ? id : id.substring(0, 6) + "...";
    }

    private void flushIfImmediate() {
        if (repository.flushMode() == FlushMode.IMMEDIATE) {
            repository.save(this);
        }
    }
}
