package io.cairn.client;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates session ids and renders them for messages. An id is a bearer credential, so messages
 * and logs show only its first characters.
 */
final class SessionIds {

    /** Random bytes per id: 256 bits. */
    static final int ID_BYTES = 32;

    /** Characters of an id that messages show. */
    private static final int SHOWN_CHARS = 6;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** Returns 32 random bytes as Base64url without padding (43 characters). */
    String generate() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Renders {@code id} for a message as its first characters and its length. */
    static String describe(String id) {
        if (id == null) {
            return "null";
        }
        if (id.length() <= SHOWN_CHARS) {
            return Keys.describe(id);
        }
        return Keys.describe(id.substring(0, SHOWN_CHARS)).replaceFirst("\"$", "...\"") + " (" + id.length() + " chars)";
    }
}
