package io.cairn.cli.demo;

import io.cairn.cli.trace.OrmBusyTrace;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the first requests of the orm-busy trace as {@code get} calls from several threads. One
 * thread reads the trace in chunks, and the reader threads take chunks in trace order. A miss is
 * loaded from PostgreSQL by the member. A retryable failure is retried, for at most
 * {@value #RETRY_SECONDS} s per request.
 */
final class TraceReplay {

    private static final Logger log = LoggerFactory.getLogger(TraceReplay.class);

    private static final int CHUNK = 500;
    private static final int QUEUED_CHUNKS = 64;
    private static final long RETRY_SECONDS = 120;
    private static final int LOGGED_DIFFERENCES = 10;
    private static final long POLL_MILLIS = 200;

    private final DemoContext context;
    private final long requests;
    private final int threads;
    private final Progress progress;
    private final BlockingQueue<int[]> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private volatile boolean traceEnded;

    final AtomicLong found = new AtomicLong();
    final AtomicLong absent = new AtomicLong();
    final AtomicLong wrongKey = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();

    TraceReplay(DemoContext context, long requests, int threads, Progress progress) {
        this.context = context;
        this.requests = requests;
        this.threads = threads;
        this.progress = progress;
    }

    /** Returns the tasks to run: the trace reader first, then one task per reader thread. */
    Runnable[] tasks() {
        Runnable[] tasks = new Runnable[threads + 1];
        tasks[0] = this::readTrace;
        for (int i = 1; i <= threads; i++) {
            tasks[i] = this::replay;
        }
        return tasks;
    }

    long gets() {
        return found.get() + absent.get();
    }

    private void readTrace() {
        long remaining = requests;
        int[] buffer = new int[CHUNK];
        try (OrmBusyTrace trace = OrmBusyTrace.openBundled()) {
            while (remaining > 0) {
                int count = trace.read(buffer);
                if (count == 0) {
                    break;
                }
                int used = (int) Math.min(count, remaining);
                chunks.put(Arrays.copyOf(buffer, used));
                remaining -= used;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            traceEnded = true;
        }
    }

    private void replay() {
        Duration deadline = Duration.ofSeconds(RETRY_SECONDS);
        try {
            while (true) {
                // Checked before the poll, so a chunk queued before the end flag was set is still taken.
                boolean ended = traceEnded;
                int[] chunk = chunks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    if (ended) {
                        return;
                    }
                    continue;
                }
                for (int id : chunk) {
                    read(OrmObject.keyOf(id), deadline);
                }
                progress.advance(chunk.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(String key, Duration deadline) {
        OrmObject value = Retry.until(deadline, failedAttempts, () -> { }, () -> context.objects().get(key));
        if (value == null) {
            // The object writer may have deleted it; the final verification checks deletions.
            absent.incrementAndGet();
            return;
        }
        found.incrementAndGet();
        if (!value.key().equals(key) && wrongKey.incrementAndGet() <= LOGGED_DIFFERENCES) {
            log.error("Cache {} returned the value of key {} for key {}", context.objects().name(), value.key(), key);
        }
    }
}
