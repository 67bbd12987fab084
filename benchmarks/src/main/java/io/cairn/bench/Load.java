package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/** Runs an operation on a fixed number of threads for a fixed time and counts completed operations. */
final class Load {

    /** Failed operations after which a run stops, so a broken system fails fast instead of spinning. */
    private static final long MAX_FAILURES = 1_000;

    private Load() {
    }

    /** One operation of a load; {@code thread} counts from 0 and is stable for the run. */
    @FunctionalInterface
    interface Operation {
        void run(int thread, ThreadLocalRandom random) throws Exception;
    }

    /** Thrown by an operation to end its thread without counting an operation or a failure. */
    static final class Stop extends RuntimeException {

        Stop() {
            super("load thread stopped", null, false, false);
        }
    }

    /**
     * Result of one run.
     *
     * @param operations operations that completed without an exception
     * @param failures operations that threw
     * @param seconds measured wall time
     */
    record Result(long operations, long failures, double seconds) {

        double perSecond() {
            return operations / seconds;
        }
    }

    /** Runs {@code operation} on {@code threads} threads for {@code seconds}. */
    static Result run(int threads, double seconds, Operation operation) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        return run(threads, () -> System.nanoTime() >= deadline, operation);
    }

    /**
     * Runs {@code operation} on {@code threads} threads until {@code done} is true. The first
     * failure is kept; a run with more than {@value #MAX_FAILURES} failures stops and throws it.
     */
    static Result run(int threads, BooleanSupplier done, Operation operation) {
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!done.getAsBoolean() && failed.sum() <= MAX_FAILURES) {
                        try {
                            operation.run(thread, random);
                            completed.increment();
                        } catch (Stop e) {
                            return null;
                        } catch (Exception e) {
                            failed.increment();
                            firstFailure.compareAndSet(null, e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running a load", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A load thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }

        double elapsed = (System.nanoTime() - started) / 1e9;
        if (failed.sum() > MAX_FAILURES) {
            throw new IllegalStateException("The load stopped after " + failed.sum() + " failed operations", firstFailure.get());
        }
        if (failed.sum() > 0) {
            System.out.printf("  (%d failed operations; first: %s)%n", failed.sum(), firstFailure.get());
        }
        return new Result(completed.sum(), failed.sum(), elapsed);
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
