package io.cairn.node.persistence;

import com.hazelcast.query.Predicate;
import io.cairn.protocol.StoredEntry;

import java.util.Map;

/** Member-local queries over stored entries, used by rescans and the expiry sweep. */
final class EntryPredicates {

    private EntryPredicates() {
    }

    /** Matches entries that still have to be written to PostgreSQL. */
    static final class Dirty implements Predicate<String, StoredEntry> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean apply(Map.Entry<String, StoredEntry> entry) {
            StoredEntry value = entry.getValue();
            return value != null && value.isDirty();
        }
    }

    /** Matches entries that expired and were already written, so they may leave memory. */
    static final class ExpiredClean implements Predicate<String, StoredEntry> {

        private static final long serialVersionUID = 1L;

        private final long nowMillis;

        ExpiredClean(long nowMillis) {
            this.nowMillis = nowMillis;
        }

        @Override
        public boolean apply(Map.Entry<String, StoredEntry> entry) {
            StoredEntry value = entry.getValue();
            return value != null && !value.isDirty() && value.isExpired(nowMillis);
        }
    }
}
