package io.cairn.node.persistence;

import io.cairn.protocol.StoredEntry;

/**
 * One dirty entry on its way to PostgreSQL.
 *
 * @param mapName grid map of the entry
 * @param key entry key
 * @param bucket bucket of the key under the current shard map
 * @param entry the version being written
 * @param indexStamp the dirty-index stamp seen when the row was collected; the index entry is removed
 *     only if it still carries this stamp
 */
record FlushRow(String mapName, String key, int bucket, StoredEntry entry, long indexStamp) {
}
