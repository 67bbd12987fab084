package io.cairn.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs an action on every item from a fixed number of threads; item {@code i} goes to thread {@code i % threads}. */
final class Workers {

    private Workers() {
    }

    static <T> void run(int threads, List<T> items, Consumer<T> action) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread;
                futures.add(executor.submit(() -> {
                    for (int i = first; i < items.size(); i += threads) {
                        action.accept(items.get(i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the demo workers ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A demo worker failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }
}
