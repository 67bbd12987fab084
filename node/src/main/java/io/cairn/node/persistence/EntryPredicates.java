package io.cairn.node.persistence;

import com.hazelcast.query.Predicate;
import io.cairn.protocol.StoredEntry;

import java.util.Map;

/**
 * Member-local queries over stored entries, used by rescans and the expiry sweep. Values that are
 * not {@link StoredEntry}, written by a plain Hazelcast client that bypassed Cairn, never match.
 */
final class EntryPredicates {

    private EntryPredicates() {
    }

    /** Matches entries that still have to be written to PostgreSQL. */
    static final class Dirty implements Predicate<String, Object> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean apply(Map.Entry<String, Object> entry) {
            return entry.getValue() instanceof StoredEntry value && value.isDirty();
        }
    }

    /** Matches entries already written to PostgreSQL. */
    static final class Clean implements Predicate<String, Object> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean apply(Map.Entry<String, Object> entry) {
            return entry.getValue() instanceof StoredEntry value && !value.isDirty();
        }
    }

    /** Matches entries that expired and were already written, so they may leave memory. */
    static final class ExpiredClean implements Predicate<String, Object> {

        private static final long serialVersionUID = 1L;

        private final long nowMillis;

        ExpiredClean(long nowMillis) {
            this.nowMillis = nowMillis;
        }

        @Override
        public boolean apply(Map.Entry<String, Object> entry) {
            return entry.getValue() instanceof StoredEntry value && !value.isDirty() && value.isExpired(nowMillis);
        }
    }
}
