package io.cairn.client;

import java.util.List;

/** Thrown when no member of the cluster serves a cache of the requested name. */
public class UnknownCacheException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String cacheName;
    private final List<String> knownCaches;

    public UnknownCacheException(String cacheName, List<String> knownCaches) {
        super("Unknown cache '" + cacheName + "': the cluster serves " + describe(knownCaches)
                + ". Check the name, or add the cache to the cluster configuration and restart the nodes.", null, false);
        this.cacheName = cacheName;
        this.knownCaches = List.copyOf(knownCaches);
    }

    private static String describe(List<String> knownCaches) {
        return knownCaches.isEmpty() ? "no caches" : "only " + String.join(", ", knownCaches);
    }

    /** Returns the requested cache name. */
    public String cacheName() {
        return cacheName;
    }

    /** Returns the names of the caches the cluster serves, sorted. */
    public List<String> knownCaches() {
        return knownCaches;
    }
}
