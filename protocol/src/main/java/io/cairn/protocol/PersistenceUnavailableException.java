package io.cairn.protocol;

import com.hazelcast.core.HazelcastException;

/**
 * Thrown on a member when a read-through load cannot reach its PostgreSQL shard: the shard's
 * circuit is open, its load limit is exhausted, or the query failed. The caller may retry.
 */
public class PersistenceUnavailableException extends HazelcastException {

    private static final long serialVersionUID = 1L;

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
