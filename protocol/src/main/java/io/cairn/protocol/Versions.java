package io.cairn.protocol;

/**
 * Issues per-key versions.
 *
 * <p>A version is the larger of the previous version plus one and the wall clock in microseconds.
 * The first term makes versions grow for a key while its entry is in memory. The clock term keeps
 * versions growing when the entry was removed from memory (evicted, expired, or the whole
 * cluster restarted) and only PostgreSQL still holds the last version. If a member's clock lags
 * the one that wrote that row, the upsert of the flusher is rejected and re-stamps the entry above
 * the stored version, so the in-memory value still wins.
 */
public final class Versions {

    private static final long MICROS_PER_MILLI = 1_000L;

    private Versions() {
    }

    /** Returns the version for a write that follows {@code previousVersion} (0 when none). */
    public static long next(long previousVersion) {
        return Math.max(previousVersion + 1, System.currentTimeMillis() * MICROS_PER_MILLI);
    }
}
