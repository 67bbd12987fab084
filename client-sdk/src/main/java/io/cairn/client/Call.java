package io.cairn.client;

import java.util.Collection;
import java.util.Iterator;

/**
 * Description of one client call for error messages: the operation, the cache and the keys.
 *
 * @param operation method name, such as {@code get} or {@code putAll}
 * @param cacheName cache name
 * @param keys keys already rendered for a message, or null when the call has no key
 */
record Call(String operation, String cacheName, String keys) {

    /** Keys a message lists before it only counts the rest. */
    private static final int MAX_LISTED_KEYS = 3;

    static Call forKey(String operation, String cacheName, String key) {
        return new Call(operation, cacheName, "key " + Keys.describe(key));
    }

    static Call forKeys(String operation, String cacheName, Collection<String> keys) {
        return new Call(operation, cacheName, describeKeys(keys));
    }

    static Call forCache(String operation, String cacheName) {
        return new Call(operation, cacheName, null);
    }

    /** Renders up to {@value #MAX_LISTED_KEYS} keys and the total count. */
    static String describeKeys(Collection<String> keys) {
        StringBuilder out = new StringBuilder().append(keys.size()).append(keys.size() == 1 ? " key (" : " keys (");
        Iterator<String> iterator = keys.iterator();
        for (int listed = 0; listed < MAX_LISTED_KEYS && iterator.hasNext(); listed++) {
            if (listed > 0) {
                out.append(", ");
            }
            out.append(Keys.describe(iterator.next()));
        }
        if (iterator.hasNext()) {
            out.append(", ...");
        }
        return out.append(')').toString();
    }

    /** Renders the call as {@code get on cache 'users' for key "u1"}. */
    @Override
    public String toString() {
        String onCache = operation + " on cache '" + cacheName + "'";
        return keys == null ? onCache : onCache + " for " + keys;
    }
}
