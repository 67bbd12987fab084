package io.cairn.node.persistence;

import java.sql.SQLException;

/** Classifies database errors into rejected content and transient failures. */
final class SqlErrors {

    private SqlErrors() {
    }

    /** Returns the SQLSTATE of the first SQLException in the cause chain, or null. */
    static String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException && sqlException.getSQLState() != null) {
                return sqlException.getSQLState();
            }
        }
        return null;
    }

    /**
     * True when PostgreSQL rejected the data itself: class 22 (data exception, such as invalid JSON,
     * a NUL character in jsonb, or a number out of range) and 54000 (a value over a size limit).
     * Retrying such a row can never succeed.
     */
    static boolean isContentError(Throwable error) {
        String state = sqlState(error);
        return state != null && (state.startsWith("22") || state.equals("54000"));
    }

    /** Returns the deepest message in the cause chain, which usually names the real problem. */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }
}
