package io.cairn.client;

/**
 * Thrown before anything is sent when a key is null, empty, longer than the key limit in UTF-8
 * bytes, or contains U+0000 or an unpaired UTF-16 surrogate. Not retryable: change the key.
 */
public class InvalidKeyException extends CairnException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message, null, false);
    }
}
