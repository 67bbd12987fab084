package io.cairn.session.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.client.CairnException;

import java.io.IOException;

/**
 * Maps Spring Session attribute values to JSON envelopes that name their class,
 * {@code {"type": "com.example.Cart", "value": {...}}}, so that {@code getAttribute} can return the
 * type that was stored without the caller naming it.
 *
 * <p>Values must be mappable to JSON and back by the mapper: records, beans, strings, numbers,
 * collections. A generic container restores its own class, but its elements come back as Jackson's
 * default types (maps, lists, strings, numbers).
 *
 * <p>NOTE: the envelope's class name is loaded with {@code Class.forName}, so any client that can
 * write to the session map can choose which class Jackson builds. Keep the cluster reachable only by the
 * applications that own the sessions.
 */
final class AttributeCodec {

    private static final String TYPE_FIELD = "type";
    private static final String VALUE_FIELD = "value";

    private final ObjectMapper objectMapper;
    private final ClassLoader classLoader;

    AttributeCodec(ObjectMapper objectMapper, ClassLoader classLoader) {
        this.objectMapper = objectMapper;
        this.classLoader = classLoader;
    }

    ObjectNode encode(Object value) {
        ObjectNode envelope = objectMapper.createObjectNode();
        envelope.put(TYPE_FIELD, value.getClass().getName());
        envelope.set(VALUE_FIELD, objectMapper.valueToTree(value));
        return envelope;
    }

    Object decode(String sessionDescription, String name, JsonNode envelope) {
        String typeName = envelope.path(TYPE_FIELD).asText(null);
        if (typeName == null || !envelope.has(VALUE_FIELD)) {
            throw new CairnException("Attribute '" + name + "' of " + sessionDescription + " is not a Spring Session"
                    + " attribute envelope {\"type\": ..., \"value\": ...}. It was written by another client; read it"
                    + " through CairnSessionStore instead.", null);
        }
        try {
            Class<?> type = Class.forName(typeName, false, classLoader);
            return objectMapper.treeToValue(envelope.get(VALUE_FIELD), type);
        } catch (ClassNotFoundException | IOException e) {
            throw new CairnException("Failed to read attribute '" + name + "' of " + sessionDescription + " as "
                    + typeName + ": " + e.getMessage() + ". Keep the class on the class path and mappable by Jackson,"
                    + " or remove the attribute.", e);
        }
    }
}
