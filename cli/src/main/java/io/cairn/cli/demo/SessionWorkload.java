package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, touches, invalidates and abandons HTTP sessions in one thread, as a web tier would.
 * Every write sets the session's time to live again; abandoned sessions expire.
 *
 * <p>TODO: move to the SDK's session store, {@code client.sessions()}, with the max inactive
 * interval as expiry and the PostgreSQL check on {@code cairn_sessions}. Until then sessions are
 * entries of the cache {@value DemoCommand#SESSION_CACHE} with a per-entry TTL.
 */
final class SessionWorkload {

    /** Time to live of a session after its last write. */
    static final Duration SESSION_TTL = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(SessionWorkload.class);

    private static final Duration RETRY_DEADLINE = Duration.ofMinutes(3);
    private static final double CREATE_SHARE = 0.3;
    private static final double INVALIDATE_SHARE = 0.05;
    private static final int ACTIVE_SESSIONS = 200;
    private static final int LOGGED_DIFFERENCES = 10;

    private final DemoContext context;
    private final double operationsPerSecond;
    private final BooleanSupplier stopped;
    private final List<String> active = new ArrayList<>();
    private int created;

    final AtomicLong creates = new AtomicLong();
    final AtomicLong touches = new AtomicLong();
    final AtomicLong invalidations = new AtomicLong();
    final AtomicLong gets = new AtomicLong();
    final AtomicLong differences = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();

    SessionWorkload(DemoContext context, double operationsPerSecond, BooleanSupplier stopped) {
        this.context = context;
        this.operationsPerSecond = operationsPerSecond;
        this.stopped = stopped;
    }

    long operations() {
        return creates.get() + touches.get() + invalidations.get();
    }

    void run() {
        long intervalNanos = (long) (1e9 / operationsPerSecond);
        long next = System.nanoTime();
        while (!stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (CairnException e) {
                givenUp.incrementAndGet();
                log.error("A session operation on cache {} failed after retrying for {} s; the demo will fail",
                        context.sessions().name(), RETRY_DEADLINE.toSeconds(), e);
            }

            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    private void step() {
        double draw = ThreadLocalRandom.current().nextDouble();
        if (active.isEmpty() || draw < CREATE_SHARE) {
            create();
        } else if (draw < CREATE_SHARE + INVALIDATE_SHARE) {
            invalidate(active.remove(ThreadLocalRandom.current().nextInt(active.size())));
        } else {
            touch(active.get(ThreadLocalRandom.current().nextInt(active.size())));
        }
    }

    private void create() {
        String id = "session-" + ++created;
        write(new SessionData(id, "user-" + ThreadLocalRandom.current().nextInt(10_000), 0, List.of()));
        creates.incrementAndGet();

        active.add(id);
        if (active.size() > ACTIVE_SESSIONS) {
            // The user of the oldest session leaves without logging out, so it expires.
            active.remove(0);
        }
    }

    private void touch(String id) {
        long before = System.currentTimeMillis();
        SessionData current = Retry.until(RETRY_DEADLINE, failedAttempts, () -> { }, () -> context.sessions().get(id));
        gets.incrementAndGet();
        Ledger.Expected<SessionData> expected = context.sessionLedger().expected(id);
        boolean mustBeLive = !expected.deleted() && expected.expiresAtMillis() > before + DemoCommand.EXPIRY_MARGIN.toMillis();
        if (mustBeLive && !expected.value().equals(current)) {
            if (differences.incrementAndGet() <= LOGGED_DIFFERENCES) {
                log.error("Session {} read back as {}, expected {}", id, current, expected.value());
            }
        }
        if (current == null) {
            active.remove(id);
            return;
        }

        List<String> cart = new ArrayList<>(current.cart());
        cart.add("item-" + ThreadLocalRandom.current().nextInt(1000));
        write(new SessionData(id, current.user(), current.touches() + 1, List.copyOf(cart)));
        touches.incrementAndGet();
    }

    private void invalidate(String id) {
        Retry.until(RETRY_DEADLINE, failedAttempts, () -> context.sessionLedger().markInDoubt(id, null), () -> {
            context.sessions().delete(id);
            context.sessionLedger().acknowledgeDelete(id);
            return id;
        });
        invalidations.incrementAndGet();
    }

    /** Writes {@code session} with a fresh TTL until acknowledged and records it with the earliest possible expiry. */
    private void write(SessionData session) {
        Retry.until(RETRY_DEADLINE, failedAttempts, () -> context.sessionLedger().markInDoubt(session.id(), session), () -> {
            long before = System.currentTimeMillis();
            context.sessions().put(session.id(), session, SESSION_TTL);
            context.sessionLedger().acknowledgePut(session.id(), session, before + SESSION_TTL.toMillis());
            return session;
        });
    }
}
