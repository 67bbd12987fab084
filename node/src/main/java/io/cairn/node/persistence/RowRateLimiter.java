package io.cairn.node.persistence;

import java.util.concurrent.TimeUnit;

/**
 * Limits the rows per second that the flusher writes to one shard. A token bucket refilled
 * continuously, holding at most one second of rows, so a burst after an idle spell stays within
 * one second's budget. A limit of zero disables it.
 */
final class RowRateLimiter {

    private final double rowsPerSecond;
    private double available;
    private long lastRefillNanos;

    RowRateLimiter(int rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
        this.available = rowsPerSecond;
        this.lastRefillNanos = System.nanoTime();
    }

    /** Blocks until {@code rows} may be written. */
    void acquire(int rows) throws InterruptedException {
        if (rowsPerSecond <= 0) {
            return;
        }
        long waitNanos = reserve(rows);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    private synchronized long reserve(int rows) {
        long now = System.nanoTime();
        available = Math.min(rowsPerSecond, available + (now - lastRefillNanos) / 1e9 * rowsPerSecond);
        lastRefillNanos = now;
        available -= rows;
        return available >= 0 ? 0 : (long) (-available / rowsPerSecond * 1e9);
    }
}
