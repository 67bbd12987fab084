package io.cairn.node.admin;

import io.cairn.client.CairnBackpressureException;
import io.cairn.client.CairnCache;
import io.cairn.client.CairnTimeoutException;
import io.cairn.client.CairnUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client thread that writes without pause to a fixed set of keys, round robin, and records each
 * write that the cluster acknowledged. A write that fails with a retryable error is retried with
 * the same value until it is acknowledged, so the last acknowledged value of each key is the
 * value the grid must hold.
 */
final class AckedWriter implements AutoCloseable {

    /** A JSON value whose sequence number makes every write of a key distinct. */
    public record Value(long sequence, String key) {
    }

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    private static final Duration RETRY_LIMIT = Duration.ofSeconds(60);

    private final CairnCache<Value> cache;
    private final String keyPrefix;
    private final int keyCount;
    private final Map<String, Value> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong sequenceCount = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    AckedWriter(CairnCache<Value> cache, String keyPrefix, int keyCount) {
        this.cache = cache;
        this.keyPrefix = keyPrefix;
        this.keyCount = keyCount;
        this.thread = new Thread(this::writeLoop, "acked-writer-" + keyPrefix);
        this.thread.start();
    }

    /** Returns the number of acknowledged writes so far. */
    long acknowledgedWrites() {
        return sequenceCount.get();
    }

    long retries() {
        return retries.get();
    }

    /** Stops writing, waits for the thread, and returns the last acknowledged value of each key written. */
    Map<String, Value> stop() {
        running = false;
        try {
            thread.join(RETRY_LIMIT.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("Writer " + keyPrefix + " did not stop");
        }
        if (failure.get() != null) {
            throw new AssertionError("Writer " + keyPrefix + " failed after " + sequenceCount.get()
                    + " acknowledged writes", failure.get());
        }
        return Map.copyOf(acknowledged);
    }

    private void writeLoop() {
        long sequence = 0;
        try {
            while (running) {
                String key = keyPrefix + (sequence % keyCount);
                Value value = new Value(sequence, key);
                writeUntilAcknowledged(key, value);
                acknowledged.put(key, value);
                sequenceCount.incrementAndGet();
                sequence++;
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private void writeUntilAcknowledged(String key, Value value) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        while (true) {
            try {
                cache.put(key, value);
                return;
            } catch (CairnUnavailableException | CairnTimeoutException | CairnBackpressureException e) {
                retries.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Write of " + key + " not acknowledged within " + RETRY_LIMIT, e);
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
