package io.cairn.protocol;

import com.hazelcast.core.EntryView;
import com.hazelcast.map.MapEvictionPolicyComparator;

/**
 * Least-recently-used eviction that ranks dirty entries last, so that a size limit evicts entries
 * already stored in PostgreSQL before any entry that is still waiting to be written.
 *
 * <p>Hazelcast evicts the entry that compares lowest. A dirty entry can still be evicted when every
 * sampled entry is dirty. Keeping the write-behind dirty-entry bound below the map's size limit
 * makes that rare.
 */
public final class DirtyLastEvictionComparator implements MapEvictionPolicyComparator<String, StoredEntry> {

    private static final long serialVersionUID = 1L;

    @Override
    public int compare(EntryView<String, StoredEntry> first, EntryView<String, StoredEntry> second) {
        boolean firstDirty = isDirty(first);
        boolean secondDirty = isDirty(second);
        if (firstDirty != secondDirty) {
            return firstDirty ? 1 : -1;
        }
        return Long.compare(first.getLastAccessTime(), second.getLastAccessTime());
    }

    private static boolean isDirty(EntryView<String, StoredEntry> view) {
        StoredEntry value = view.getValue();
        return value != null && value.isDirty();
    }
}
