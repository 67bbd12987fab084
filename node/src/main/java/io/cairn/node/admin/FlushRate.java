package io.cairn.node.admin;

import io.cairn.node.persistence.PersistenceService;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rows written to PostgreSQL per second by this member, averaged over a sliding window of
 * {@value #WINDOW_SAMPLES} samples taken every {@value #SAMPLE_INTERVAL_MILLIS} ms.
 */
final class FlushRate implements AutoCloseable {

    static final long SAMPLE_INTERVAL_MILLIS = 1_000;
    static final int WINDOW_SAMPLES = 10;

    private final PersistenceService persistence;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler;

    FlushRate(PersistenceService persistence) {
        this.persistence = persistence;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-admin-flush-rate");
            thread.setDaemon(true);
            return thread;
        });
        sample();
        scheduler.scheduleAtFixedRate(this::sample, SAMPLE_INTERVAL_MILLIS, SAMPLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Returns rows per second between the oldest and the newest sample, 0 before the second sample. */
    synchronized double rowsPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] oldest = samples.peekFirst();
        long[] newest = samples.peekLast();
        long elapsedMillis = newest[0] - oldest[0];
        return elapsedMillis <= 0 ? 0 : (newest[1] - oldest[1]) * 1_000.0 / elapsedMillis;
    }

    private synchronized void sample() {
        samples.addLast(new long[] {System.currentTimeMillis(), persistence.rowsFlushedTotal()});
        while (samples.size() > WINDOW_SAMPLES) {
            samples.removeFirst();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
