package io.cairn.client;

import java.time.Duration;

/**
 * Thrown when a call did not complete within the operation timeout while the client was connected.
 * A write that timed out may still be applied later.
 */
public class CairnTimeoutException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String cacheName;
    private final Duration timeout;

    public CairnTimeoutException(String message, String operation, String cacheName, Duration timeout, Throwable cause) {
        super(message, cause, true);
        this.operation = operation;
        this.cacheName = cacheName;
        this.timeout = timeout;
    }

    /** Returns the name of the operation that timed out, such as {@code get} or {@code putAll}. */
    public String operation() {
        return operation;
    }

    /** Returns the cache name. */
    public String cacheName() {
        return cacheName;
    }

    /** Returns the operation timeout that elapsed. */
    public Duration timeout() {
        return timeout;
    }
}
