package io.cairn.cli.demo;

/**
 * The JSON document the demo stores for one database object of the orm-busy trace.
 *
 * @param key key it is stored under, so a value found under another key is detected
 * @param type object type from the trace id (its top 5 bits)
 * @param revision 0 for the row seeded into PostgreSQL; each update writes the next revision
 * @param attempt attempt number of the write that produced it, counting from 1; 0 for the seeded row
 * @param payload filler text that gives the value a realistic size
 */
public record OrmObject(String key, int type, int revision, int attempt, String payload) {

    private static final int PAYLOAD_CHARS = 160;
    private static final String KEY_PREFIX = "orm-";

    /** Returns the cache key of trace id {@code id}: {@code orm-} and the id as 8 hex digits. */
    static String keyOf(int id) {
        String hex = Integer.toHexString(id);
        return KEY_PREFIX + "0".repeat(8 - hex.length()) + hex;
    }

    /** Returns the object as seeded into PostgreSQL before the demo starts. */
    static OrmObject seed(int id) {
        return of(keyOf(id), id >>> 27, 0, 0);
    }

    /** Returns revision {@code revision} of the object under {@code key}. */
    static OrmObject of(String key, int type, int revision, int attempt) {
        StringBuilder payload = new StringBuilder(PAYLOAD_CHARS);
        while (payload.length() < PAYLOAD_CHARS) {
            payload.append(key).append(" type ").append(type).append(" revision ").append(revision).append("; ");
        }
        return new OrmObject(key, type, revision, attempt, payload.substring(0, PAYLOAD_CHARS));
    }
}
