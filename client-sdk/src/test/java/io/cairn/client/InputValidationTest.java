package io.cairn.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bad keys, values and TTLs are rejected on the client before anything reaches the cluster. Each
 * test checks the exception type, its message, and that the grid is unchanged.
 */
class InputValidationTest {

    /** Value with a string field. */
    record Note(String text) {
    }

    /** Bean whose only property refers to the bean itself. */
    static final class SelfReferencing {
        public SelfReferencing getSelf() {
            return this;
        }
    }

    /** Bean with no property Jackson can see. */
    static final class Opaque {
        @SuppressWarnings("unused")
        private final int hidden = 1;
    }

    /** Bean whose getter fails. */
    static final class FailingGetter {
        public String getValue() {
            throw new IllegalStateException("getter failed");
        }
    }

    /** Bean with an ignored property only, so serialization still works and yields {}. */
    static final class IgnoredOnly {
        @JsonIgnore
        public String getIgnored() {
            return "x";
        }

        public String getShown() {
            return "y";
        }
    }

    private static final String NOTES = "notes";
    private static final int MAX_KEY_BYTES = 16;
    private static final int MAX_VALUE_BYTES = 100;

    private static TestMember member;
    private static CairnClient client;

    private CairnCache<Object> notes;

    @BeforeAll
    static void startCluster() {
        member = TestMember.start(NOTES);
        client = member.clientBuilder().maxKeyBytes(MAX_KEY_BYTES).maxValueBytes(MAX_VALUE_BYTES).build();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.close();
        }
    }

    @BeforeEach
    void prepare() {
        member.cacheMap(NOTES).clear();
        member.services().reset();
        notes = client.cache(NOTES, Object.class);
        notes.put("existing", new Note("kept"));
    }

    /** Asserts that only the entry written by {@link #prepare()} exists and nothing else was written. */
    private static void assertGridUnchanged() {
        assertThat(member.cacheMap(NOTES).keySet()).containsExactly("existing");
        assertThat(member.services().dirtyWrites()).isEqualTo(1);
    }

    @Test
    void nullKeyRejected() {
        InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.put(null, new Note("a")));

        assertThat(error.getMessage()).contains("cache 'notes'").contains("null").contains("non-empty string");
        assertThat(error.isRetryable()).isFalse();
        assertThrows(InvalidKeyException.class, () -> notes.get(null));
        assertThrows(InvalidKeyException.class, () -> notes.delete(null));
        assertThrows(InvalidKeyException.class, () -> notes.containsKey(null));

        assertGridUnchanged();
    }

    @Test
    void emptyKeyRejected() {
        InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.put("", new Note("a")));

        assertThat(error.getMessage()).contains("empty").contains("non-empty string");

        assertGridUnchanged();
    }

    @Test
    void longKeyRejected() {
        InvalidKeyException error = assertThrows(InvalidKeyException.class,
                () -> notes.put("abcdefghijklmnopq", new Note("a")));

        assertThat(error.getMessage())
                .contains("\"abcdefghijklmnopq\"")
                .contains("17 bytes")
                .contains("limit of 16 bytes")
                .contains("shorter key");

        assertGridUnchanged();
    }

    @Test
    void keyLimitCountsUtf8Bytes() {
        String nineChars = "ééééééééé";

        InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.put(nineChars, new Note("a")));

        assertThat(error.getMessage()).contains("18 bytes").contains("limit of 16 bytes");
        assertThrows(InvalidKeyException.class, () -> notes.put("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00a",
                new Note("a")));

        assertGridUnchanged();
    }

    @Test
    void longKeyTruncatedInMessage() {
        String key = "k".repeat(500);

        InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.get(key));

        assertThat(error.getMessage())
                .contains("\"" + "k".repeat(Keys.MAX_SHOWN_CHARS) + "\"... (500 chars in total)")
                .doesNotContain("k".repeat(Keys.MAX_SHOWN_CHARS + 1))
                .contains("500 bytes");

        assertGridUnchanged();
    }

    @Test
    void nulInKeyRejected() {
        InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.put("a\u0000b", new Note("a")));

        assertThat(error.getMessage())
                .contains("\"a\\u0000b\"")
                .contains("U+0000")
                .contains("index 1")
                .contains("Remove or replace");

        assertGridUnchanged();
    }

    @Test
    void unpairedSurrogatesRejected() {
        for (String key : List.of("a\uD800", "\uDC00a", "\uDE00\uD83D")) {
            InvalidKeyException error = assertThrows(InvalidKeyException.class, () -> notes.put(key, new Note("a")));

            assertThat(error.getMessage()).contains("unpaired UTF-16 surrogate").contains("\\u");
        }

        assertGridUnchanged();
    }

    @Test
    void pairedSurrogatesAccepted() {
        notes.put("\uD83D\uDE00", new Note("smile"));

        assertThat(notes.get("\uD83D\uDE00")).isEqualTo(Map.of("text", "smile"));
    }

    @Test
    void nullValueRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.put("k", null));

        assertThat(error.getMessage()).contains("\"k\"").contains("null").contains("delete(key)");
        assertThat(error.isRetryable()).isFalse();

        assertGridUnchanged();
    }

    @Test
    void largeValueRejected() {
        Note large = new Note("x".repeat(200));

        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.put("k", large));

        assertThat(error.getMessage())
                .contains("\"k\"")
                .contains("211 bytes")
                .contains("limit of 100 bytes")
                .contains("smaller value");

        assertGridUnchanged();
    }

    @Test
    void selfReferenceRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> notes.put("k", new SelfReferencing()));

        assertThat(error.getMessage()).contains("\"k\"").contains(SelfReferencing.class.getName()).contains("cycle");
        assertThat(error.getCause()).isNotNull();

        assertGridUnchanged();
    }

    @Test
    void indirectCycleRejected() {
        Map<String, Object> outer = new HashMap<>();
        Map<String, Object> inner = new HashMap<>();
        outer.put("inner", inner);
        inner.put("outer", outer);

        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.put("k", outer));

        assertThat(error.getMessage()).contains("\"k\"").contains("Jackson cannot map");
        assertThat(error.getCause()).isNotNull();

        assertGridUnchanged();
    }

    @Test
    void unserializableBeanRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.put("k", new Opaque()));

        assertThat(error.getMessage()).contains(Opaque.class.getName()).contains("No serializer found");
        assertThat(error.getCause()).isNotNull();

        assertGridUnchanged();
    }

    @Test
    void failingGetterRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> notes.put("k", new FailingGetter()));

        assertThat(error.getMessage()).contains("getter failed");

        assertGridUnchanged();
    }

    @Test
    void nulInValueRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> notes.put("k", new Note("before\u0000after")));

        assertThat(error.getMessage())
                .contains("\"k\"")
                .contains("U+0000")
                .contains("PostgreSQL jsonb")
                .contains("Remove or replace the character")
                .contains("Base64");
        assertThrows(InvalidValueException.class, () -> notes.put("k", Map.of("field\u0000name", 1)));

        assertGridUnchanged();
    }

    @Test
    void unpairedSurrogateInValueRejected() {
        InvalidValueException inString = assertThrows(InvalidValueException.class,
                () -> notes.put("k", new Note("x\uD800y")));
        InvalidValueException inFieldName = assertThrows(InvalidValueException.class,
                () -> notes.put("k", Map.of("a\uDC00", 1)));

        assertThat(inString.getMessage()).contains("\"k\"").contains("unpaired UTF-16 surrogate at index 1")
                .contains("PostgreSQL jsonb");
        assertThat(inFieldName.getMessage()).contains("field name");
        assertGridUnchanged();
    }

    @Test
    void jsonNullValueRejected() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> notes.put("k", com.fasterxml.jackson.databind.node.NullNode.getInstance()));

        assertThat(error.getMessage()).contains("JSON null").contains("delete(key)");
        assertGridUnchanged();
    }

    @Test
    void escapedBackslashBeforeU0000Accepted() {
        String text = "C:\\u0000";

        notes.put("path", new Note(text));

        assertThat(notes.get("path")).isEqualTo(Map.of("text", text));
    }

    @Test
    void invalidTtlRejected() {
        Map<Duration, String> cases = new LinkedHashMap<>();
        cases.put(Duration.ZERO, "PT0S");
        cases.put(Duration.ofSeconds(-1), "PT-1S");
        cases.put(Duration.ofDays(40_000), "above the maximum");
        for (Map.Entry<Duration, String> ttlCase : cases.entrySet()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> notes.put("k", new Note("a"), ttlCase.getKey()));

            assertThat(error.getMessage()).contains(ttlCase.getValue()).contains("\"k\"").contains("put(key, value)");
        }
        assertThrows(IllegalArgumentException.class, () -> notes.put("k", new Note("a"), null));

        assertGridUnchanged();
    }

    @Test
    void putAllWithBadKeyWritesNothing() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("good-1", new Note("a"));
        entries.put("bad\u0000", new Note("b"));
        entries.put("good-2", new Note("c"));

        assertThrows(InvalidKeyException.class, () -> notes.putAll(entries));

        assertGridUnchanged();
    }

    @Test
    void putAllWithBadValueWritesNothing() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("good-1", new Note("a"));
        entries.put("good-2", new Note("b"));
        entries.put("large", new Note("x".repeat(200)));

        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.putAll(entries));

        assertThat(error.getMessage()).contains("\"large\"");

        assertGridUnchanged();
    }

    @Test
    void putAllWithNullValueWritesNothing() {
        Map<String, Object> entries = new HashMap<>();
        entries.put("good-1", new Note("a"));
        entries.put("missing", null);

        InvalidValueException error = assertThrows(InvalidValueException.class, () -> notes.putAll(entries));

        assertThat(error.getMessage()).contains("\"missing\"").contains("delete(key)");

        assertGridUnchanged();
    }

    @Test
    void getAllWithBadKeyRejected() {
        InvalidKeyException error = assertThrows(InvalidKeyException.class,
                () -> notes.getAll(Arrays.asList("existing", null)));

        assertThat(error.getMessage()).contains("null");
        assertThrows(InvalidKeyException.class, () -> notes.getAll(List.of("existing", "x".repeat(17))));

        assertGridUnchanged();
    }

    @Test
    void nullCollectionsRejected() {
        Executable nullKeys = () -> notes.getAll(null);
        Executable nullEntries = () -> notes.putAll(null);

        assertThrows(NullPointerException.class, nullKeys);
        assertThrows(NullPointerException.class, nullEntries);

        assertGridUnchanged();
    }

    @Test
    void ignoredPropertiesStillSerialize() {
        notes.put("bean", new IgnoredOnly());

        assertThat(notes.get("bean")).isEqualTo(Map.of("shown", "y"));
    }

    @Test
    void blankCacheNameRejected() {
        assertThatThrownBy(() -> client.cache(" ", Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is blank");
        assertThatThrownBy(() -> client.cache(null, Object.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cache name is null");
    }
}
