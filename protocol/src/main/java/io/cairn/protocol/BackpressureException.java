package io.cairn.protocol;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.spi.exception.SilentException;

/**
 * Thrown on a member when a write is rejected because too many entries wait for PostgreSQL. The
 * write was not applied; the caller may retry after a delay. The exception is a
 * {@link SilentException}, so Hazelcast does not log each rejected write as an operation error; the
 * member counts them in the metric {@code cairn_backpressure_rejections_total}.
 */
public class BackpressureException extends HazelcastException implements SilentException {

    private static final long serialVersionUID = 1L;

    public BackpressureException(String message) {
        super(message);
    }
}
