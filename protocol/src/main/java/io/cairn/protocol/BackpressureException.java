package io.cairn.protocol;

import com.hazelcast.core.HazelcastException;

/**
 * Thrown on a member when a write is rejected because too many entries wait for PostgreSQL. The
 * write was not applied; the caller may retry after a delay.
 */
public class BackpressureException extends HazelcastException {

    private static final long serialVersionUID = 1L;

    public BackpressureException(String message) {
        super(message);
    }
}
