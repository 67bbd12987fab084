package io.cairn.protocol.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.protocol.StoredEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON document of one HTTP session, as stored in the map {@code sessions}:
 *
 * <pre>{@code
 * {"id": "...", "creationTime": 1700000000000, "lastAccessedTime": 1700000000000,
 *  "maxInactiveIntervalSeconds": 1800, "principal": "alice", "attributes": {"cart": [1, 2]}}
 * }</pre>
 *
 * <p>Times are epoch milliseconds. A max inactive interval of zero or less means that the session
 * never expires. Instances are immutable; {@link #apply(SessionDelta)} returns a changed copy.
 */
public final class SessionDocument {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MILLIS_PER_SECOND = 1_000L;

    private final String id;
    private final long creationTime;
    private final long lastAccessedTime;
    private final int maxInactiveIntervalSeconds;
    private final String principal;
    private final Map<String, JsonNode> attributes;

    private SessionDocument(String id, long creationTime, long lastAccessedTime, int maxInactiveIntervalSeconds,
            String principal, Map<String, JsonNode> attributes) {
        this.id = id;
        this.creationTime = creationTime;
        this.lastAccessedTime = lastAccessedTime;
        this.maxInactiveIntervalSeconds = maxInactiveIntervalSeconds;
        this.principal = principal;
        this.attributes = Collections.unmodifiableMap(attributes);
    }

    /** Creates the document of a new session without attributes or principal. */
    public static SessionDocument newSession(String id, long creationTime, int maxInactiveIntervalSeconds) {
        return new SessionDocument(id, creationTime, creationTime, maxInactiveIntervalSeconds, null, new LinkedHashMap<>());
    }

    /**
     * Parses a stored document.
     *
     * @throws IllegalArgumentException when the bytes are not a session document
     */
    public static SessionDocument parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Stored session is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Stored session is not a JSON object");
        }

        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        JsonNode attributeNode = root.path("attributes");
        for (Iterator<Map.Entry<String, JsonNode>> fields = attributeNode.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), field.getValue());
        }

        JsonNode principalNode = root.path("principal");
        String principal = principalNode.isTextual() ? principalNode.asText() : null;
        return new SessionDocument(root.path("id").asText(null), root.path("creationTime").asLong(),
                root.path("lastAccessedTime").asLong(), root.path("maxInactiveIntervalSeconds").asInt(), principal,
                attributes);
    }

    /** Returns a copy with {@code delta} applied; attributes that the delta does not name keep their values. */
    public SessionDocument apply(SessionDelta delta) {
        Map<String, JsonNode> changed = new LinkedHashMap<>(attributes);
        for (String name : delta.removedAttributes()) {
            changed.remove(name);
        }
        for (Map.Entry<String, byte[]> set : delta.setAttributes().entrySet()) {
            changed.put(set.getKey(), parseValue(set.getKey(), set.getValue()));
        }

        long accessed = delta.lastAccessedTime() == SessionDelta.UNCHANGED_TIME
                ? lastAccessedTime : Math.max(lastAccessedTime, delta.lastAccessedTime());
        int interval = delta.hasMaxInactiveInterval() ? delta.maxInactiveIntervalSeconds() : maxInactiveIntervalSeconds;
        String newPrincipal = delta.hasPrincipal() ? delta.principal() : principal;
        return new SessionDocument(id, creationTime, accessed, interval, newPrincipal, changed);
    }

    /** Returns a copy under another id, with the same content. */
    public SessionDocument withId(String newId) {
        return new SessionDocument(newId, creationTime, lastAccessedTime, maxInactiveIntervalSeconds, principal,
                new LinkedHashMap<>(attributes));
    }

    /** Maps the document to UTF-8 JSON. */
    public byte[] toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        root.put("creationTime", creationTime);
        root.put("lastAccessedTime", lastAccessedTime);
        root.put("maxInactiveIntervalSeconds", maxInactiveIntervalSeconds);
        if (principal == null) {
            root.putNull("principal");
        } else {
            root.put("principal", principal);
        }
        ObjectNode attributeNode = root.putObject("attributes");
        attributes.forEach(attributeNode::set);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Failed to write the document of session " + id, e);
        }
    }

    /** Returns the absolute expiry in epoch milliseconds, or {@link StoredEntry#NO_EXPIRY} when it never expires. */
    public long expiresAtMillis() {
        if (maxInactiveIntervalSeconds <= 0) {
            return StoredEntry.NO_EXPIRY;
        }
        return lastAccessedTime + maxInactiveIntervalSeconds * MILLIS_PER_SECOND;
    }

    public String id() {
        return id;
    }

    public long creationTime() {
        return creationTime;
    }

    public long lastAccessedTime() {
        return lastAccessedTime;
    }

    public int maxInactiveIntervalSeconds() {
        return maxInactiveIntervalSeconds;
    }

    /** Returns the principal name, or null for an anonymous session. */
    public String principal() {
        return principal;
    }

    /** Returns the attributes by name, as JSON trees; the map is unmodifiable. */
    public Map<String, JsonNode> attributes() {
        return attributes;
    }

    private JsonNode parseValue(String name, byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Value of attribute '" + name + "' of session " + id
                    + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
