package io.cairn.node.persistence;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-shard circuit breaker with exponential backoff and jitter.
 *
 * <p>After {@code failureThreshold} consecutive failures the circuit opens, and the shard is left
 * alone for a backoff that doubles with each further failure, from the initial to the maximum
 * backoff, with up to 50% random jitter so members do not retry in step. When the backoff has
 * passed the circuit is half-open: the next attempt is a probe whose success closes it.
 * Thread-safe.
 */
final class CircuitBreaker {

    enum State { CLOSED, HALF_OPEN, OPEN }

    private final int failureThreshold;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;

    private int consecutiveFailures;
    private long openUntilMillis;

    CircuitBreaker(int failureThreshold, long initialBackoffMillis, long maxBackoffMillis) {
        this.failureThreshold = failureThreshold;
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    /** True when a call may be attempted now: the circuit is closed, or half-open for a probe. */
    synchronized boolean allowsCall(long nowMillis) {
        return nowMillis >= openUntilMillis;
    }

    synchronized State state(long nowMillis) {
        if (consecutiveFailures < failureThreshold) {
            return State.CLOSED;
        }
        return nowMillis >= openUntilMillis ? State.HALF_OPEN : State.OPEN;
    }

    synchronized void recordSuccess() {
        consecutiveFailures = 0;
        openUntilMillis = 0;
    }

    /** Records a failure and returns the pause in milliseconds before the shard is tried again. */
    synchronized long recordFailure(long nowMillis) {
        consecutiveFailures++;
        int exponent = Math.min(consecutiveFailures - 1, 20);
        long backoff = Math.min(maxBackoffMillis, initialBackoffMillis << exponent);
        long jitter = (long) (backoff * 0.5 * ThreadLocalRandom.current().nextDouble());
        long pause = backoff - jitter;
        openUntilMillis = nowMillis + pause;
        return pause;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }
}
