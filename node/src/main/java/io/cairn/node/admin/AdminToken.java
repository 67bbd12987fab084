package io.cairn.node.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token of the admin API, compared in constant time.
 *
 * <p>Both the configured and the presented token are hashed with SHA-256 before
 * {@link MessageDigest#isEqual}, so the comparison takes the same time whatever the length or the
 * first differing character of the presented token.
 */
final class AdminToken {

    private static final String DIGEST_ALGORITHM = "SHA-256";

    private final byte[] expectedDigest;

    private AdminToken(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /** Returns the token for {@code configured}, or null when it is null or blank, which disables the admin API. */
    static AdminToken of(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return new AdminToken(digest(configured));
    }

    /** Returns true when {@code presented} equals the configured token. */
    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance(DIGEST_ALGORITHM).digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(DIGEST_ALGORITHM + " is missing from this JVM; every Java SE runtime has it", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken{set}";
    }
}
