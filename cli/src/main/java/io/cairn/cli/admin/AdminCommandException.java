package io.cairn.cli.admin;

/** A failed admin command, with the exit code the command returns and a message for the user. */
final class AdminCommandException extends RuntimeException {

    /** Exit code when a node returned an error or could not be reached. */
    static final int FAILED = 1;

    /** Exit code when the command line or the local setup is incomplete, for example without a token. */
    static final int USAGE = 2;

    private final int exitCode;

    AdminCommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    AdminCommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
