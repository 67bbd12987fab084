package io.cairn.cli.demo;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts completed operations of one phase and prints a line each time the count passes another tenth of the total. */
final class Progress {

    private static final int STEPS = 10;

    private final String phase;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final AtomicLong completed = new AtomicLong();

    Progress(String phase, long total, PrintStream out) {
        this.phase = phase;
        this.total = total;
        this.out = out;
    }

    /** Counts one operation and returns the new count. */
    long advance() {
        return advance(1);
    }

    /** Counts {@code operations} operations and returns the new count. */
    long advance(long operations) {
        long done = completed.addAndGet(operations);
        long step = Math.max(1, total / STEPS);
        if (done / step > (done - operations) / step || done == total) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            out.printf("  [%s] %,d/%,d operations, %,.0f ops/s%n", phase, done, total, done / Math.max(seconds, 1e-3));
        }
        return done;
    }

    long completed() {
        return completed.get();
    }
}
