package io.cairn.client;

import java.time.Duration;

/**
 * Point in time by which a call must finish, on the {@link System#nanoTime()} clock, and the
 * connection state when the call started.
 */
final class Deadline {

    private final long endNanos;
    private final boolean bounded;
    private final boolean connectedAtStart;
    private final long connectionChangesAtStart;

    private Deadline(long endNanos, boolean bounded, ConnectionState connection) {
        this.endNanos = endNanos;
        this.bounded = bounded;
        this.connectedAtStart = connection.isConnected();
        this.connectionChangesAtStart = connection.changes();
    }

    /** Starts a deadline {@code timeout} from now; a zero timeout means no deadline. */
    static Deadline after(Duration timeout, ConnectionState connection) {
        if (timeout.isZero()) {
            return new Deadline(0L, false, connection);
        }
        return new Deadline(System.nanoTime() + timeout.toNanos(), true, connection);
    }

    /** Returns true when the client was connected for the whole call so far. */
    boolean stayedConnected(ConnectionState connection) {
        return connection.stayedConnectedSince(connectionChangesAtStart, connectedAtStart);
    }

    boolean isBounded() {
        return bounded;
    }

    /** Nanoseconds left, never negative. Meaningful only for a bounded deadline. */
    long remainingNanos() {
        return Math.max(0L, endNanos - System.nanoTime());
    }
}
