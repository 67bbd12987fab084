package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one round of values, one {@code put} per key, from several client threads. A retryable
 * failure is retried with a pause until it succeeds or 60 s have passed for that key. Each failed
 * attempt is recorded in the ledger as in doubt.
 *
 * <p>An optional {@link Disruption} starts in the background once half of the keys are written,
 * and the phase ends only after the disruption has finished.
 */
final class WritePhase implements DemoPhase {

    private static final Logger log = LoggerFactory.getLogger(WritePhase.class);

    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(60);
    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final int PAYLOAD_CHARS = 200;

    private final String name;
    private final int round;
    private final Disruption disruption;

    /**
     * @param name phase name in progress lines and the report
     * @param round round number stored in each value
     * @param disruption started once half of the keys are written, or null for none
     */
    WritePhase(String name, int round, Disruption disruption) {
        this.name = name;
        this.round = round;
        this.disruption = disruption;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PhaseResult run(DemoContext context) {
        List<String> keys = context.keys();
        Progress progress = new Progress(name, keys.size(), context.out());
        AtomicLong failedAttempts = new AtomicLong();
        AtomicLong givenUp = new AtomicLong();
        long midway = keys.size() / 2;

        long start = System.nanoTime();
        Workers.run(context.threads(), keys, key -> {
            boolean written = write(context, key, failedAttempts);
            if (!written) {
                givenUp.incrementAndGet();
            }
            if (progress.advance() == midway && disruption != null) {
                disruption.start();
            }
        });

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("round", round);
        details.put("keysGivenUp", givenUp.get());
        if (disruption != null) {
            details.putAll(disruption.awaitResult());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        return PhaseResult.of(name, keys.size() - givenUp.get(), failedAttempts.get(), millis, details);
    }

    /** Writes the value of this round to {@code key}, retrying retryable failures; returns false if it gave up. */
    private boolean write(DemoContext context, String key, AtomicLong failedAttempts) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();

        for (int attempt = 1; ; attempt++) {
            DemoValue value = new DemoValue(key, round, attempt, payload(key));
            try {
                context.cache().put(key, value);
                context.ledger().acknowledge(value);
                return true;
            } catch (CairnException e) {
                failedAttempts.incrementAndGet();
                context.ledger().markInDoubt(value);

                if (!e.isRetryable() || System.nanoTime() > deadline) {
                    log.error("Gave up writing key {} of cache {} in round {} after {} attempt(s)",
                            key, context.cache().name(), round, attempt, e);
                    return false;
                }
                log.debug("Write of key {} in round {} failed (attempt {}); retrying", key, round, attempt, e);
                if (!pause()) {
                    return false;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String payload(String key) {
        StringBuilder payload = new StringBuilder(PAYLOAD_CHARS);
        while (payload.length() < PAYLOAD_CHARS) {
            payload.append(key).append(" round ").append(round).append("; ");
        }
        return payload.substring(0, PAYLOAD_CHARS);
    }
}
