package io.cairn.node.persistence;

import io.cairn.protocol.MapNames;

/** Names of the PostgreSQL tables that hold each grid map, identical on every shard. */
final class TableNames {

    static final String DEAD_LETTERS = "cairn_dead_letters";

    private TableNames() {
    }

    /**
     * Returns the table of {@code mapName}: {@code cache.products} is stored in
     * {@code cairn_cache_products}, {@code sessions} in {@code cairn_sessions}. Cache names are
     * validated to {@code [a-z0-9][a-z0-9_-]*}, so the result is a safe SQL identifier.
     */
    static String tableOf(String mapName) {
        if (mapName.equals(MapNames.SESSIONS)) {
            return "cairn_sessions";
        }
        if (!mapName.startsWith(MapNames.CACHE_PREFIX)) {
            throw new IllegalArgumentException("Map " + mapName + " is not written behind by Cairn");
        }
        String cacheName = mapName.substring(MapNames.CACHE_PREFIX.length());
        if (!cacheName.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("Cache name '" + cacheName + "' of map " + mapName
                    + " is not a valid table name: use lower-case letters, digits, '_' and '-'");
        }
        return "cairn_cache_" + cacheName.replace('-', '_');
    }
}
