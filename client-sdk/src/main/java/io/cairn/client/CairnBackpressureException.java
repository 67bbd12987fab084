package io.cairn.client;

/**
 * Thrown when a member rejects a write because too many entries are still waiting to be written
 * to PostgreSQL. The write was not applied. Retry after a delay, preferably with backoff.
 */
public class CairnBackpressureException extends CairnException {

    private static final long serialVersionUID = 1L;

    public CairnBackpressureException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
