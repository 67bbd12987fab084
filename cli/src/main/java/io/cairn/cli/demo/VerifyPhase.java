package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every key back with {@code getAll} in batches and compares each value with the ledger.
 *
 * <p>A value matches if it equals the last acknowledged value, or one of the values whose write
 * failed since then (such a write may have been applied). Otherwise the key is counted as lost:
 * missing, stale (an older round or attempt than acknowledged), or unexpected (any other value).
 */
final class VerifyPhase implements DemoPhase {

    /** Key of the lost-entry count in {@link PhaseResult#details()}. */
    static final String LOST = "lost";

    private static final Logger log = LoggerFactory.getLogger(VerifyPhase.class);

    private static final int BATCH_SIZE = 500;
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(60);
    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final int LOGGED_LOSSES = 10;

    private final String name;

    VerifyPhase(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhaseResult run(DemoContext context) {
        List<List<String>> batches = batches(context.keys());
        Progress progress = new Progress(name, context.keys().size(), context.out());
        AtomicLong failedAttempts = new AtomicLong();
        Counts counts = new Counts();

        long start = System.nanoTime();
        Workers.run(context.threads(), batches, batch -> {
            Map<String, DemoValue> found = read(context, batch, failedAttempts);
            for (String key : batch) {
                counts.classify(key, found.get(key), context.ledger());
            }
            progress.advance(batch.size());
        });
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checked", context.keys().size());
        details.put("matched", counts.matched.get());
        details.put("matchedInDoubt", counts.matchedInDoubt.get());
        details.put("missing", counts.missing.get());
        details.put("stale", counts.stale.get());
        details.put("unexpected", counts.unexpected.get());
        details.put(LOST, counts.lost());
        return PhaseResult.of(name, context.keys().size(), failedAttempts.get(), millis, details);
    }

    private Map<String, DemoValue> read(DemoContext context, List<String> batch, AtomicLong failedAttempts) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        while (true) {
            try {
                return context.cache().getAll(batch);
            } catch (CairnException e) {
                failedAttempts.incrementAndGet();
                if (!e.isRetryable() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + batch.size() + " keys of cache " + context.cache().name()
                            + " in phase " + name + " failed; the first key is " + batch.get(0), e);
                }
                log.debug("Reading a batch of cache {} failed; retrying", context.cache().name(), e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a read", e);
        }
    }

    private static List<List<String>> batches(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_SIZE) {
            batches.add(keys.subList(from, Math.min(keys.size(), from + BATCH_SIZE)));
        }
        return batches;
    }

    /** Thread-safe tally of how each key compared with the ledger. */
    private static final class Counts {

        final AtomicLong matched = new AtomicLong();
        final AtomicLong matchedInDoubt = new AtomicLong();
        final AtomicLong missing = new AtomicLong();
        final AtomicLong stale = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();

        void classify(String key, DemoValue actual, Ledger ledger) {
            DemoValue expected = ledger.acknowledged(key);

            if (actual == null ? expected == null : actual.equals(expected)) {
                matched.incrementAndGet();
                return;
            }
            if (actual != null && ledger.inDoubt(key).contains(actual)) {
                matchedInDoubt.incrementAndGet();
                return;
            }

            AtomicLong counter = actual == null ? missing : isOlder(actual, expected) ? stale : unexpected;
            if (counter.incrementAndGet() <= LOGGED_LOSSES) {
                log.error("Key {} lost its acknowledged value: expected {}, found {}", key, expected, actual);
            }
        }

        long lost() {
            return missing.get() + stale.get() + unexpected.get();
        }

        private static boolean isOlder(DemoValue actual, DemoValue expected) {
            if (expected == null || !actual.key().equals(expected.key())) {
                return false;
            }
            return actual.round() < expected.round()
                    || (actual.round() == expected.round() && actual.attempt() < expected.attempt());
        }
    }
}
