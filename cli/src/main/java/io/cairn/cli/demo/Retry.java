package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Retries a cache call that fails with a retryable {@link CairnException} until it succeeds or a deadline passes. */
final class Retry {

    private static final long PAUSE_MILLIS = 100;

    private Retry() {
    }

    /**
     * Runs {@code call} until it returns. Each failed attempt increments {@code failedAttempts}
     * and runs {@code onFailure} before the next attempt.
     *
     * @throws CairnException the last failure, if it is not retryable or the deadline passed
     * @throws IllegalStateException if the thread is interrupted while it waits to retry
     */
    static <T> T until(Duration deadline, AtomicLong failedAttempts, Runnable onFailure, Supplier<T> call) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (CairnException e) {
                failedAttempts.incrementAndGet();
                onFailure.run();
                if (!e.isRetryable() || System.nanoTime() > end) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a cache call", e);
        }
    }
}
