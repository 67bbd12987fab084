package io.cairn.protocol;

/** Names of the Hazelcast maps that hold Cairn data. */
public final class MapNames {

    /** Prefix of every cache map: cache {@code products} lives in map {@code cache.products}. */
    public static final String CACHE_PREFIX = "cache.";

    /**
     * Map in which every member publishes the caches it serves, keyed by cache name. Clients read it
     * to reject an unknown cache name with a clear error.
     */
    public static final String CATALOG = "cairn.catalog";

    /** Map that contains HTTP sessions. */
    public static final String SESSIONS = "sessions";

    private MapNames() {
    }

    public static String cacheMap(String cacheName) {
        return CACHE_PREFIX + cacheName;
    }

    /** True for maps whose entries Cairn writes behind to PostgreSQL. */
    public static boolean isPersistent(String mapName) {
        return mapName.startsWith(CACHE_PREFIX) || mapName.equals(SESSIONS);
    }
}
