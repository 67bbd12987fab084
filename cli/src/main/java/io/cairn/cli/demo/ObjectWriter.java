package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates and deletes objects of the trace while it is replayed, as the application's own writes.
 * Each thread owns the keys whose position modulo the thread count is its number, so the writes of
 * a key are sequential and the ledger order is the apply order. A write that fails is retried with
 * a new attempt number until the cluster acknowledges one, and every acknowledged write goes to
 * the ledger. Any failure other than a {@link CairnException}, such as a closed client on Ctrl-C,
 * ends the thread.
 */
final class ObjectWriter {

    /** Share of writes that delete the object instead of updating it. */
    static final double DELETE_SHARE = 0.15;

    private static final Logger log = LoggerFactory.getLogger(ObjectWriter.class);

    private static final Duration RETRY_DEADLINE = Duration.ofMinutes(3);

    private final DemoContext context;
    private final int threads;
    private final double writesPerSecondPerThread;
    private final BooleanSupplier stopped;

    final AtomicLong updates = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();

    ObjectWriter(DemoContext context, int threads, double writesPerSecond, BooleanSupplier stopped) {
        this.context = context;
        this.threads = threads;
        this.writesPerSecondPerThread = writesPerSecond / threads;
        this.stopped = stopped;
    }

    Runnable[] tasks() {
        Runnable[] tasks = new Runnable[threads];
        for (int i = 0; i < threads; i++) {
            int thread = i;
            tasks[i] = () -> write(thread);
        }
        return tasks;
    }

    long writes() {
        return updates.get() + deletes.get();
    }

    private void write(int thread) {
        List<String> keys = context.objectKeys();
        int owned = (keys.size() - thread + threads - 1) / threads;
        long intervalNanos = (long) (1e9 / writesPerSecondPerThread);
        long next = System.nanoTime();

        while (!stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            String key = keys.get(thread + threads * ThreadLocalRandom.current().nextInt(owned));
            if (ThreadLocalRandom.current().nextDouble() < DELETE_SHARE) {
                delete(key);
            } else {
                update(key);
            }

            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void update(String key) {
        Ledger.Expected<OrmObject> previous = context.objectLedger().expected(key);
        OrmObject base = previous.deleted() ? null : previous.value();
        int revision = base == null ? 1 : base.revision() + 1;
        int type = base == null ? typeOf(key) : base.type();

        int[] attempt = {1};
        try {
            Retry.until(RETRY_DEADLINE, failedAttempts, () -> {
                context.objectLedger().markInDoubt(key, OrmObject.of(key, type, revision, attempt[0]));
                attempt[0]++;
            }, () -> {
                OrmObject value = OrmObject.of(key, type, revision, attempt[0]);
                context.objects().put(key, value);
                context.objectLedger().acknowledgePut(key, value, 0);
                return value;
            });
            updates.incrementAndGet();
        } catch (CairnException e) {
            giveUp("update", key, e);
        }
    }

    private void delete(String key) {
        try {
            Retry.until(RETRY_DEADLINE, failedAttempts, () -> context.objectLedger().markInDoubt(key, null), () -> {
                context.objects().delete(key);
                context.objectLedger().acknowledgeDelete(key);
                return key;
            });
            deletes.incrementAndGet();
        } catch (CairnException e) {
            giveUp("delete", key, e);
        }
    }

    private void giveUp(String operation, String key, CairnException failure) {
        givenUp.incrementAndGet();
        log.error("Gave up the {} of key {} in cache {} after retrying for {} s; the demo will fail", operation, key,
                context.objects().name(), RETRY_DEADLINE.toSeconds(), failure);
    }

    /** Object type from a key made by {@link OrmObject#keyOf(int)}. */
    private static int typeOf(String key) {
        return Integer.parseUnsignedInt(key.substring(key.length() - 8), 16) >>> 27;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
