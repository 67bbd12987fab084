package io.cairn.client;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Validates cache keys and renders keys for error messages. */
final class Keys {

    /** Characters of a key that an error message shows before it truncates the key. */
    static final int MAX_SHOWN_CHARS = 64;

    private Keys() {
    }

    /**
     * Throws {@link InvalidKeyException} unless {@code key} is non-empty, fits {@code maxKeyBytes} in
     * UTF-8, and contains neither U+0000 nor an unpaired surrogate.
     */
    static void validate(String key, int maxKeyBytes, String cacheName) {
        if (key == null) {
            throw new InvalidKeyException("Invalid key for cache '" + cacheName + "': the key is null. Pass a non-empty string.");
        }
        if (key.isEmpty()) {
            throw new InvalidKeyException("Invalid key for cache '" + cacheName + "': the key is empty. Pass a non-empty string.");
        }

        int utf8Bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == 0) {
                throw new InvalidKeyException("Invalid key " + describe(key) + " for cache '" + cacheName
                        + "': it contains U+0000 (NUL) at index " + i
                        + ", which PostgreSQL text columns cannot store. Remove or replace the character.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new InvalidKeyException("Invalid key " + describe(key) + " for cache '" + cacheName
                        + "': it contains an unpaired UTF-16 surrogate at index " + i
                        + ", which has no UTF-8 encoding. Build the key from complete Unicode characters.");
            }
            utf8Bytes += utf8Length(c);
        }

        if (utf8Bytes > maxKeyBytes) {
            throw new InvalidKeyException("Invalid key " + describe(key) + " for cache '" + cacheName + "': it is "
                    + utf8Bytes + " bytes in UTF-8, above the limit of " + maxKeyBytes
                    + " bytes. Use a shorter key, for example a hash of the long one.");
        }
    }

    /** Returns the index of the first unpaired UTF-16 surrogate in {@code text}, or -1 when there is none. */
    static int unpairedSurrogateIndex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return 3;
    }

    /** Validates every key of {@code keys} and returns them without duplicates, in iteration order. */
    static Set<String> validateAll(Collection<String> keys, int maxKeyBytes, String cacheName) {
        Set<String> distinct = new LinkedHashSet<>(keys.size() * 2);
        for (String key : keys) {
            validate(key, maxKeyBytes, cacheName);
            distinct.add(key);
        }
        return distinct;
    }

    /**
     * Quotes {@code key} for a message, escaping quotes, backslashes, control characters and unpaired
     * surrogates as Java escapes, and truncating it after about {@value #MAX_SHOWN_CHARS} characters.
     */
    static String describe(String key) {
        if (key == null) {
            return "null";
        }

        StringBuilder out = new StringBuilder(Math.min(key.length(), MAX_SHOWN_CHARS) + 16).append('"');
        int shown = Math.min(key.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = key.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1));
            if (pairStart) {
                out.append(c).append(key.charAt(i + 1));
                i++;
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');

        if (key.length() > shown) {
            out.append("... (").append(key.length()).append(" chars in total)");
        }
        return out.toString();
    }
}
