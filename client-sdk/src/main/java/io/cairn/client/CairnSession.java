package io.cairn.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.protocol.session.SessionDocument;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Snapshot of one session as it was stored when the store returned it. Changes go through
 * {@link CairnSessionStore}; a snapshot never changes.
 */
public final class CairnSession {

    private final SessionDocument document;
    private final long version;
    private final ObjectMapper objectMapper;

    CairnSession(SessionDocument document, long version, ObjectMapper objectMapper) {
        this.document = document;
        this.version = version;
        this.objectMapper = objectMapper;
    }

    public String id() {
        return document.id();
    }

    public Instant creationTime() {
        return Instant.ofEpochMilli(document.creationTime());
    }

    public Instant lastAccessedTime() {
        return Instant.ofEpochMilli(document.lastAccessedTime());
    }

    /** Returns the max inactive interval, or a negative duration when the session never expires. */
    public Duration maxInactiveInterval() {
        int seconds = document.maxInactiveIntervalSeconds();
        return seconds <= 0 ? Duration.ofSeconds(-1) : Duration.ofSeconds(seconds);
    }

    /** Returns the time at which the session expires unless accessed again, or null for never. */
    public Instant expiresAt() {
        int seconds = document.maxInactiveIntervalSeconds();
        return seconds <= 0 ? null : lastAccessedTime().plusSeconds(seconds);
    }

    /** True when the session had expired at {@code now}. */
    public boolean isExpired(Instant now) {
        Instant expiresAt = expiresAt();
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Returns the principal name, or null for an anonymous session. */
    public String principal() {
        return document.principal();
    }

    public Set<String> attributeNames() {
        return document.attributes().keySet();
    }

    /** Returns the JSON of attribute {@code name}, or null when the session has no such attribute. */
    public JsonNode attributeJson(String name) {
        return document.attributes().get(name);
    }

    /**
     * Maps attribute {@code name} to {@code type}, or returns null when the session has no such attribute.
     *
     * @throws CairnException when the JSON does not fit the type
     */
    public <T> T attribute(String name, Class<T> type) {
        JsonNode json = document.attributes().get(name);
        if (json == null) {
            return null;
        }
        try {
            return objectMapper.treeToValue(json, type);
        } catch (IOException e) {
            throw decodeFailure(name, type.getName(), e);
        }
    }

    /** Maps attribute {@code name} to a generic type, or returns null when the session has no such attribute. */
    public <T> T attribute(String name, TypeReference<T> type) {
        JsonNode json = document.attributes().get(name);
        if (json == null) {
            return null;
        }
        try {
            return objectMapper.readValue(objectMapper.treeAsTokens(json), type);
        } catch (IOException e) {
            throw decodeFailure(name, type.getType().getTypeName(), e);
        }
    }

    /** Returns every attribute as JSON, by name; the map is unmodifiable. */
    public Map<String, JsonNode> attributesJson() {
        return document.attributes();
    }

    /** Version of the stored entry that this snapshot shows, which only grows for an id; 0 from {@code create}. */
    public long version() {
        return version;
    }

    private CairnException decodeFailure(String name, String type, IOException cause) {
        return new CairnException("Failed to map attribute '" + name + "' of session " + SessionIds.describe(id()) + " to "
                + type + ": " + cause.getMessage() + ". Read it with the type it was stored with, or set it again.", cause);
    }

    @Override
    public String toString() {
        return "CairnSession{id=" + SessionIds.describe(id()) + ", principal=" + principal() + ", attributes="
                + attributeNames() + ", version=" + version + '}';
    }
}
