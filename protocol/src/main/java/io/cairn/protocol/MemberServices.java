package io.cairn.protocol;

import com.hazelcast.core.HazelcastInstance;

/**
 * Services that a Cairn member offers to the entry processors running on it.
 *
 * <p>The node registers its implementation in the member's user context under
 * {@link #USER_CONTEXT_KEY}. Clients never call these methods: processors only reach them when they
 * execute on a member.
 */
public interface MemberServices {

    /** Key of the implementation in {@link com.hazelcast.config.Config#getUserContext()}. */
    String USER_CONTEXT_KEY = "cairn.memberServices";

    /**
     * Rejects a write when this member already has too many dirty entries.
     *
     * @throws BackpressureException when the dirty bound is reached
     */
    void checkWritable(String mapName, String key);

    /** Records that {@code key} in {@code mapName} has the dirty {@code version} on this member. */
    void recordDirty(String mapName, String key, long version);

    /** Returns the default time to live of {@code mapName} in milliseconds, 0 for none. */
    long defaultTtlMillis(String mapName);

    /**
     * Loads the row of {@code key} from its PostgreSQL shard, blocking the calling thread.
     *
     * @return the clean entry, or null when no live row exists (missing, deleted or expired)
     */
    StoredEntry load(String mapName, String key);

    /** Finds the services of the member that {@code instance} belongs to. */
    static MemberServices of(HazelcastInstance instance) {
        Object services = instance.getUserContext().get(USER_CONTEXT_KEY);
        if (services == null) {
            throw new IllegalStateException("Member " + instance.getName()
                    + " has no Cairn services in its user context: start members through the Cairn node,"
                    + " not as plain Hazelcast members");
        }
        return (MemberServices) services;
    }
}
