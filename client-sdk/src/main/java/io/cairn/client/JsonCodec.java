package io.cairn.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Maps cache values to UTF-8 JSON and back with the client's Jackson {@link ObjectMapper}, and
 * rejects values that a member or PostgreSQL could not store.
 */
final class JsonCodec {

    private static final String NUL_ESCAPE = "u0000";

    private final ObjectMapper objectMapper;
    private final int maxValueBytes;

    JsonCodec(ObjectMapper objectMapper, int maxValueBytes) {
        this.objectMapper = objectMapper;
        this.maxValueBytes = maxValueBytes;
    }

    /**
     * Maps {@code value} to UTF-8 JSON.
     *
     * @throws InvalidValueException when the value is null, cannot be mapped, is larger than the
     *     value limit, or contains U+0000 in a string or field name
     */
    byte[] encode(String cacheName, String key, Object value) {
        if (value == null) {
            throw new InvalidValueException("Invalid value for key " + Keys.describe(key) + " in cache '" + cacheName
                    + "': the value is null. Call delete(key) to remove an entry.", null);
        }

        byte[] json;
        try {
            json = objectMapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("Invalid value for key " + Keys.describe(key) + " in cache '" + cacheName
                    + "': Jackson cannot map the " + value.getClass().getName() + " to JSON (" + e.getOriginalMessage()
                    + "). Make the type serializable by Jackson: give it properties or annotations, and break any cycle"
                    + " of references with @JsonIgnore or @JsonManagedReference.", e);
        }

        if (json.length > maxValueBytes) {
            throw new InvalidValueException("Invalid value for key " + Keys.describe(key) + " in cache '" + cacheName
                    + "': its JSON is " + json.length + " bytes, above the limit of " + maxValueBytes
                    + " bytes. Store a smaller value, or split it over several keys.", null);
        }

        String textProblem = findTextProblem(json);
        if (textProblem != null) {
            throw new InvalidValueException("Invalid value for key " + Keys.describe(key) + " in cache '" + cacheName
                    + "': " + textProblem, null);
        }

        if (containsNul(json)) {
            throw new InvalidValueException("Invalid value for key " + Keys.describe(key) + " in cache '" + cacheName
                    + "': its JSON contains the character U+0000 (NUL), which PostgreSQL jsonb cannot store."
                    + " Remove or replace the character; encode binary data as Base64.", null);
        }
        return json;
    }

    /**
     * Parses {@code json} and returns why PostgreSQL would reject it or why it is no value at all, or
     * null when it is fine. PostgreSQL rejects strings and field names with an unpaired UTF-16
     * surrogate, which Jackson writes as a lone escape such as {@code \\ud800}.
     */
    private String findTextProblem(byte[] json) {
        try (JsonParser parser = objectMapper.getFactory().createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                return "the value maps to JSON null. Call delete(key) to remove an entry.";
            }
            for (; token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    int index = Keys.unpairedSurrogateIndex(parser.getText());
                    if (index >= 0) {
                        return "a " + (token == JsonToken.FIELD_NAME ? "field name" : "string")
                                + " in its JSON contains an unpaired UTF-16 surrogate at index " + index
                                + ", which PostgreSQL jsonb cannot store. Remove the character or pair it correctly.";
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return "Jackson produced JSON that it cannot read back (" + e.getMessage() + ").";
        }
    }

    /**
     * Maps stored JSON back to {@code type}.
     *
     * @throws CairnException when the JSON does not fit the type, for example after the class changed
     */
    <V> V decode(String cacheName, String key, byte[] json, JavaType type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (IOException e) {
            throw new CairnException("Failed to map the JSON of key " + Keys.describe(key) + " in cache '" + cacheName
                    + "' to " + type + ": " + e.getMessage() + ". Make the type match the stored JSON, or overwrite"
                    + " the entry.", e);
        }
    }

    /**
     * Returns true when {@code json} contains U+0000, either as the six-character escape sequence that
     * JSON generators write for it (backslash, then {@code u0000}) or as a raw zero byte. An escaped
     * backslash followed by {@code u0000} is plain text and does not count.
     */
    static boolean containsNul(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == 0) {
                return true;
            }
            if (json[i] != '\\' || i + 1 >= json.length) {
                continue;
            }
            if (json[i + 1] == 'u' && isNulEscape(json, i + 1)) {
                return true;
            }
            i++;
        }
        return false;
    }

    private static boolean isNulEscape(byte[] json, int start) {
        if (start + NUL_ESCAPE.length() > json.length) {
            return false;
        }
        for (int j = 0; j < NUL_ESCAPE.length(); j++) {
            if (json[start + j] != NUL_ESCAPE.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
