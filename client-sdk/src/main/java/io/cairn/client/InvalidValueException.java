package io.cairn.client;

/**
 * Thrown before anything is sent when a value is null, cannot be mapped to JSON, is larger than the
 * value limit once mapped, or maps to JSON that contains U+0000. Not retryable: change the value.
 */
public class InvalidValueException extends CairnException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
