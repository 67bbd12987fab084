package io.cairn.protocol;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.spi.exception.SilentException;

/**
 * Thrown on a member when a read-through load cannot reach its PostgreSQL shard: the shard's
 * circuit is open, its load limit is exhausted, or the query failed. The caller may retry. The member
 * logs and counts the failure itself, so the exception is {@link SilentException}.
 */
public class PersistenceUnavailableException extends HazelcastException implements SilentException {

    private static final long serialVersionUID = 1L;

    public PersistenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
