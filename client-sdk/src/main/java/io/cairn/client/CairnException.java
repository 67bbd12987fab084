package io.cairn.client;

/**
 * Base class of every exception that the Cairn client throws for a failed cache operation.
 *
 * <p>{@link #isRetryable()} returns whether repeating the same call later can succeed. A
 * retryable write may or may not have been applied before the failure. Writes replace the whole
 * value, so repeating one is safe.
 */
public class CairnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public CairnException(String message, Throwable cause) {
        this(message, cause, false);
    }

    protected CairnException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Returns true when the same call may succeed if repeated after a delay. */
    public boolean isRetryable() {
        return retryable;
    }
}
