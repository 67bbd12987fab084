package io.cairn.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Prints a progress line for a running phase at a fixed interval: the phase, the operations done,
 * the rate since the phase started and a phase-specific status. Close it when the phase ends.
 */
final class Progress implements AutoCloseable {

    /** Interval between progress lines. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final String phase;
    private final long total;
    private final PrintStream out;
    private volatile Supplier<String> status;
    private final AtomicLong completed = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    /**
     * @param total operations the phase expects, or 0 if unknown
     * @param status extra text for each line, such as node count or write counts
     */
    Progress(String phase, long total, PrintStream out, Supplier<String> status) {
        this.phase = phase;
        this.total = total;
        this.out = out;
        this.status = status;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-progress-" + phase);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::print, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Replaces the supplier of the extra text of each line. */
    void status(Supplier<String> status) {
        this.status = status;
    }

    void advance(long operations) {
        completed.addAndGet(operations);
    }

    long completed() {
        return completed.get();
    }

    /** Fraction of the expected operations done, in [0, 1]; 0 when the total is unknown. */
    double fraction() {
        return total == 0 ? 0 : Math.min(1.0, (double) completed.get() / total);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Stops the timer and prints a last line. */
    @Override
    public void close() {
        timer.shutdownNow();
        print();
    }

    private void print() {
        long done = completed.get();
        double seconds = Math.max(elapsedMillis() / 1000.0, 1e-3);
        String of = total > 0 ? String.format("/%,d", total) : "";
        String extra = status.get();
        out.printf("  [%s %4.0fs] %,d%s ops, %,.0f ops/s%s%n", phase, seconds, done, of, done / seconds,
                extra.isEmpty() ? "" : "; " + extra);
    }
}
