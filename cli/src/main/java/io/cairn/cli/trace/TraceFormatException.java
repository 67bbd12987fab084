package io.cairn.cli.trace;

/**
 * A trace file that does not follow its format. The message names the source, the position
 * (line number for text traces, byte offset for binary ones) and the problem.
 */
public final class TraceFormatException extends RuntimeException {

    private final long position;

    TraceFormatException(String message, long position) {
        super(message);
        this.position = position;
    }

    TraceFormatException(String message, long position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    /** Line number, counting from 1, for a text trace; byte offset of the bad record for a binary one. */
    public long position() {
        return position;
    }
}
