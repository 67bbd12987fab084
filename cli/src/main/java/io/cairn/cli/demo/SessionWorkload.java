package io.cairn.cli.demo;

import io.cairn.client.CairnException;
import io.cairn.client.CairnSession;
import io.cairn.client.CairnSessionStore;
import io.cairn.client.SessionNotFoundException;
import io.cairn.client.SessionUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses the SDK's session store in one thread as a web tier would: it creates sessions, serves
 * requests that touch a session with {@code find} and then set or remove attributes, logs users in
 * with a change of session id and a principal, logs some out by invalidating their session, and
 * abandons the rest, which then expire.
 *
 * <p>Every acknowledged change goes to the session ledger with the state the store returned,
 * including the expiry, so the ledger contains exactly the state the grid and PostgreSQL must contain. A call
 * that fails is retried until one attempt is acknowledged. Finds, attribute updates and
 * invalidations are idempotent. A retried create or change of id first reads the store to learn
 * whether an earlier attempt was applied.
 */
final class SessionWorkload {

    /** Max inactive interval of a new, anonymous session: short, so that abandoned sessions expire during the run. */
    static final Duration ANONYMOUS_INTERVAL = Duration.ofSeconds(20);

    /** Max inactive interval that a login sets. */
    static final Duration LOGGED_IN_INTERVAL = Duration.ofMinutes(2);

    /** Users who log in, named {@code user-0} to {@code user-99}. Each has several sessions over a run. */
    static final int PRINCIPALS = 100;

    private static final Logger log = LoggerFactory.getLogger(SessionWorkload.class);

    private static final Duration RETRY_DEADLINE = Duration.ofMinutes(3);
    private static final double CREATE_SHARE = 0.10;
    private static final double INVALIDATE_SHARE = 0.03;
    private static final double LOGIN_SHARE = 0.05;
    private static final double ADD_TO_CART_SHARE = 0.4;
    private static final double CHECKOUT_SHARE = 0.05;
    private static final double SET_THEME_SHARE = 0.1;
    private static final double REMOVE_THEME_SHARE = 0.05;
    private static final String[] THEMES = {"light", "dark", "contrast"};
    private static final int ACTIVE_SESSIONS = 300;
    private static final int LOGGED_DIFFERENCES = 10;

    private final DemoContext context;
    private final double stepsPerSecond;
    private final BooleanSupplier stopped;
    private final List<String> active = new ArrayList<>();

    final AtomicLong creates = new AtomicLong();
    final AtomicLong touches = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    final AtomicLong logins = new AtomicLong();
    final AtomicLong idChanges = new AtomicLong();
    final AtomicLong invalidations = new AtomicLong();
    /** Sessions dropped from the active set without a logout, left to expire. */
    final AtomicLong abandoned = new AtomicLong();
    /** Sessions that had expired when the workload next used them. */
    final AtomicLong foundExpired = new AtomicLong();
    final AtomicLong differences = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong givenUp = new AtomicLong();

    SessionWorkload(DemoContext context, double stepsPerSecond, BooleanSupplier stopped) {
        this.context = context;
        this.stepsPerSecond = stepsPerSecond;
        this.stopped = stopped;
    }

    /** Returns the acknowledged finds, each of which also touches its session. */
    long gets() {
        return touches.get();
    }

    /** Returns the acknowledged changes other than finds: creates, attribute updates, logins, changes of id and invalidations. */
    long writes() {
        return creates.get() + updates.get() + logins.get() + idChanges.get() + invalidations.get();
    }

    /** Returns the acknowledged calls to the store of every kind. */
    long operations() {
        return gets() + writes();
    }

    /** Returns the counts for the report, by name. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionCreates", creates.get());
        details.put("sessionTouches", touches.get());
        details.put("sessionUpdates", updates.get());
        details.put("sessionLogins", logins.get());
        details.put("sessionIdChanges", idChanges.get());
        details.put("sessionInvalidations", invalidations.get());
        details.put("sessionsAbandoned", abandoned.get());
        details.put("sessionsFoundExpired", foundExpired.get());
        details.put("sessionDifferences", differences.get());
        return details;
    }

    void run() {
        long intervalNanos = (long) (1e9 / stepsPerSecond);
        long next = System.nanoTime();
        while (!stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (CairnException e) {
                givenUp.incrementAndGet();
                log.error("A call to the session store failed after retrying for {} s; the demo will fail",
                        RETRY_DEADLINE.toSeconds(), e);
            } catch (IllegalArgumentException e) {
                difference("A session returned by the store is not one the demo wrote: {}", e.getMessage());
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double draw = random.nextDouble();
        if (active.isEmpty() || draw < CREATE_SHARE) {
            create();
            return;
        }

        String id = active.get(random.nextInt(active.size()));
        if (draw < CREATE_SHARE + INVALIDATE_SHARE) {
            logout(id);
        } else {
            request(id, draw < CREATE_SHARE + INVALIDATE_SHARE + LOGIN_SHARE);
        }
    }

    private void create() {
        String id = store().generateId();
        SessionUpdate initial = new SessionUpdate().maxInactiveInterval(ANONYMOUS_INTERVAL).setAttribute(SessionData.VISITS, 0);

        boolean[] retried = {false};
        CairnSession session = Retry.until(RETRY_DEADLINE, failedAttempts, () -> {
            retried[0] = true;
            ledger().markInDoubt(id, new SessionData(id, null, 0, null, null, 0));
        }, () -> {
            if (retried[0]) {
                // An earlier attempt may have stored the session, and a second create of the id would be rejected.
                CairnSession stored = store().find(id, false);
                if (stored != null) {
                    return stored;
                }
            }
            return store().create(id, initial);
        });

        SessionData created = SessionData.of(session);
        ledger().acknowledgePut(id, created, created.expiresAtMillis());
        creates.incrementAndGet();

        active.add(id);
        if (active.size() > ACTIVE_SESSIONS) {
            // The user of the oldest session leaves without logging out, so it expires.
            active.remove(0);
            abandoned.incrementAndGet();
        }
    }

    /** Serves one request: touches the session, then logs the user in or changes attributes. */
    private void request(String id, boolean login) {
        SessionData current = touch(id);
        if (current == null) {
            return;
        }
        if (login && current.principal() == null) {
            login(current);
            return;
        }

        ThreadLocalRandom random = ThreadLocalRandom.current();
        SessionUpdate update = new SessionUpdate().setAttribute(SessionData.VISITS, current.visits() + 1);
        if (random.nextDouble() < CHECKOUT_SHARE) {
            update.removeAttribute(SessionData.CART);
        } else if (random.nextDouble() < ADD_TO_CART_SHARE) {
            List<String> cart = current.cart() == null ? new ArrayList<>() : new ArrayList<>(current.cart());
            cart.add("item-" + random.nextInt(1000));
            update.setAttribute(SessionData.CART, cart);
        }
        double themeDraw = random.nextDouble();
        if (themeDraw < SET_THEME_SHARE) {
            update.setAttribute(SessionData.THEME, THEMES[random.nextInt(THEMES.length)]);
        } else if (themeDraw < SET_THEME_SHARE + REMOVE_THEME_SHARE) {
            update.removeAttribute(SessionData.THEME);
        }

        if (update(current, update) != null) {
            updates.incrementAndGet();
        }
    }

    /**
     * Finds the session, which moves its last access time, and checks it against the ledger. Returns
     * null when the session is gone.
     */
    private SessionData touch(String id) {
        long before = System.currentTimeMillis();
        Ledger.Expected<SessionData> expected = ledger().expected(id);
        CairnSession session = Retry.until(RETRY_DEADLINE, failedAttempts, () -> ledger().markInDoubt(id, expected.value()),
                () -> store().find(id));
        touches.incrementAndGet();
        if (session == null) {
            gone(id, expected, before);
            return null;
        }

        SessionData found = SessionData.of(session);
        if (!found.sameContent(expected.value()) || found.expiresAtMillis() < expected.expiresAtMillis()) {
            difference("Session {} read back as {}, expected {}", id, found, expected.value());
        }
        ledger().acknowledgePut(id, found, found.expiresAtMillis());
        return found;
    }

    /**
     * Logs the user in as Spring Security does: moves the session to a new id, so that an id known
     * before the login is worthless, then sets the principal and a longer max inactive interval.
     */
    private void login(SessionData current) {
        String newId = changeId(current);
        if (newId == null) {
            return;
        }
        active.set(active.indexOf(current.id()), newId);

        String principal = "user-" + ThreadLocalRandom.current().nextInt(PRINCIPALS);
        SessionUpdate update = new SessionUpdate().principal(principal).maxInactiveInterval(LOGGED_IN_INTERVAL);
        if (update(current.withId(newId), update) != null) {
            logins.incrementAndGet();
        }
    }

    /** Moves the session to a new id and returns the id, or null when the session is gone. */
    private String changeId(SessionData current) {
        String oldId = current.id();
        long before = System.currentTimeMillis();
        String[] target = {store().generateId()};
        boolean[] retried = {false};

        String newId = Retry.until(RETRY_DEADLINE, failedAttempts, () -> {
            retried[0] = true;
            ledger().markInDoubt(oldId, null);
            ledger().markInDoubt(target[0], current.withId(target[0]));
        }, () -> {
            if (retried[0] && resumeChangeId(oldId, target)) {
                return target[0];
            }
            try {
                return store().changeId(oldId, target[0]);
            } catch (SessionNotFoundException e) {
                return null;
            }
        });

        if (newId == null) {
            if (ledger().keysInDoubt().contains(target[0])) {
                ledger().acknowledgeDelete(target[0]);
            }
            gone(oldId, ledger().expected(oldId), before);
            return null;
        }
        ledger().acknowledgeDelete(oldId);
        ledger().acknowledgePut(newId, current.withId(newId), current.expiresAtMillis());
        idChanges.incrementAndGet();
        return newId;
    }

    /**
     * Learns what a failed change of id left behind. Returns true when the session already moved to
     * {@code target[0]}. Otherwise, while the old id is live, removes any copy under the target and
     * picks a new target, because a change of id does not overwrite a live session.
     */
    private boolean resumeChangeId(String oldId, String[] target) {
        // NOTE: an attempt that timed out on the client but reaches the owner after these reads is not seen here.
        if (store().find(oldId, false) == null) {
            return store().find(target[0], false) != null;
        }

        store().invalidate(target[0]);
        ledger().acknowledgeDelete(target[0]);
        target[0] = store().generateId();
        return false;
    }

    /** Applies {@code update} to the session and records the result. Returns null when the session is gone. */
    private SessionData update(SessionData current, SessionUpdate update) {
        String id = current.id();
        long before = System.currentTimeMillis();
        Ledger.Expected<SessionData> expected = ledger().expected(id);
        CairnSession session = Retry.until(RETRY_DEADLINE, failedAttempts, () -> ledger().markInDoubt(id, current),
                notFoundAsNull(() -> store().update(id, update)));
        if (session == null) {
            gone(id, expected, before);
            return null;
        }

        SessionData updated = SessionData.of(session);
        ledger().acknowledgePut(id, updated, updated.expiresAtMillis());
        return updated;
    }

    private void logout(String id) {
        Retry.until(RETRY_DEADLINE, failedAttempts, () -> ledger().markInDoubt(id, null), () -> store().invalidate(id));
        ledger().acknowledgeDelete(id);
        invalidations.incrementAndGet();
        active.remove(id);
    }

    /**
     * Handles a session that the store no longer has. That is right once its expiry has passed, and
     * a difference while the ledger still has it live beyond the clock tolerance.
     */
    private void gone(String id, Ledger.Expected<SessionData> expected, long checkedAtMillis) {
        active.remove(id);
        boolean mustBeLive = !expected.deleted()
                && expected.expiresAtMillis() > checkedAtMillis + DemoCommand.EXPIRY_MARGIN.toMillis();
        if (mustBeLive) {
            difference("Session {} is missing from the store, expected {}", id, expected.value());
        } else {
            foundExpired.incrementAndGet();
        }

        // The session is not live whatever the failed attempts did, so its last acknowledged state is still the expected one.
        if (ledger().keysInDoubt().contains(id)) {
            if (expected.deleted()) {
                ledger().acknowledgeDelete(id);
            } else {
                ledger().acknowledgePut(id, expected.value(), expected.expiresAtMillis());
            }
        }
    }

    private void difference(String format, Object... arguments) {
        if (differences.incrementAndGet() <= LOGGED_DIFFERENCES) {
            log.error(format, arguments);
        }
    }

    private CairnSessionStore store() {
        return context.sessions();
    }

    private Ledger<SessionData> ledger() {
        return context.sessionLedger();
    }

    private static <T> Supplier<T> notFoundAsNull(Supplier<T> call) {
        return () -> {
            try {
                return call.get();
            } catch (SessionNotFoundException e) {
                return null;
            }
        };
    }
}
