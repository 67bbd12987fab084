package io.cairn.client;

/**
 * Thrown when no cluster member can serve a call: the client is not connected to the cluster, or
 * the member that ran the call left before it responded. The client keeps reconnecting by itself,
 * so the call can be retried.
 */
public class CairnUnavailableException extends CairnException {

    private static final long serialVersionUID = 1L;

    public CairnUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
