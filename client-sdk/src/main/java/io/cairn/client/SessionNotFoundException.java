package io.cairn.client;

/**
 * Thrown by a change of a session that is missing, invalidated or expired. Not retryable: create
 * a new session.
 */
public class SessionNotFoundException extends CairnException {

    private static final long serialVersionUID = 1L;

    private final String sessionId;

    public SessionNotFoundException(String sessionId, String operation) {
        super(operation + " failed: session " + SessionIds.describe(sessionId) + " is missing, invalidated or expired."
                + " Create a new session.", null, false);
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
