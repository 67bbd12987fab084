package io.cairn.protocol.session;

import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.Versions;

/** Builds the stored entries of sessions: next version, dirty mark, expiry and principal index value. */
final class SessionEntries {

    private SessionEntries() {
    }

    /**
     * Returns the dirty entry that replaces {@code previous} (null when absent) with {@code document}.
     * It keeps the previous flushed version, so the entry stays dirty until the flusher writes it.
     */
    static StoredEntry next(StoredEntry previous, SessionDocument document) {
        long previousVersion = previous == null ? 0L : previous.version();
        long flushedVersion = previous == null ? 0L : previous.flushedVersion();
        return StoredEntry.dirtyValue(document.toJson(), Versions.next(previousVersion), flushedVersion,
                document.expiresAtMillis(), document.principal());
    }

    /** Returns the dirty tombstone that replaces {@code previous} (null when absent). */
    static StoredEntry tombstone(StoredEntry previous) {
        long previousVersion = previous == null ? 0L : previous.version();
        long flushedVersion = previous == null ? 0L : previous.flushedVersion();
        return StoredEntry.dirtyTombstone(Versions.next(previousVersion), flushedVersion);
    }

    /** True when {@code entry} is a session that readers see: present, not deleted, not expired on this member's clock. */
    static boolean isLive(StoredEntry entry) {
        return entry != null && entry.isLive(System.currentTimeMillis());
    }
}
