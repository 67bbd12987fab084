package io.cairn.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Changes to apply to one session in one call: attributes to set or remove, a last access time, a
 * max inactive interval and a principal. Anything it does not name keeps its stored value.
 * Values are validated and mapped to JSON when the store sends the update. Not thread-safe.
 */
public final class SessionUpdate {

    /** Longest max inactive interval: the largest number of seconds an int holds, about 68 years. */
    public static final Duration MAX_INACTIVE_INTERVAL_LIMIT = Duration.ofSeconds(Integer.MAX_VALUE);

    private final Map<String, Object> setAttributes = new LinkedHashMap<>();
    private final Set<String> removedAttributes = new LinkedHashSet<>();
    private Instant lastAccessedTime;
    private Duration maxInactiveInterval;
    private boolean principalSet;
    private String principal;

    /** Sets attribute {@code name} to {@code value}, which must not be null. */
    public SessionUpdate setAttribute(String name, Object value) {
        removedAttributes.remove(name);
        setAttributes.put(name, value);
        return this;
    }

    public SessionUpdate removeAttribute(String name) {
        setAttributes.remove(name);
        removedAttributes.add(name);
        return this;
    }

    /** Moves the last access time to {@code time}; the owner never moves it backwards. */
    public SessionUpdate touch(Instant time) {
        this.lastAccessedTime = time;
        return this;
    }

    /**
     * Sets the idle time after which the session expires: positive (rounded up to whole seconds, at
     * most {@link #MAX_INACTIVE_INTERVAL_LIMIT}), or negative for a session that never expires.
     *
     * @throws IllegalArgumentException for null, zero or above the limit
     */
    public SessionUpdate maxInactiveInterval(Duration interval) {
        if (interval == null || interval.isZero()) {
            throw new IllegalArgumentException("maxInactiveInterval is " + interval + ": pass a positive duration, or a"
                    + " negative one for a session that never expires; invalidate the session to end it now");
        }
        if (interval.compareTo(MAX_INACTIVE_INTERVAL_LIMIT) > 0) {
            throw new IllegalArgumentException("maxInactiveInterval is " + interval + ", above the maximum of "
                    + MAX_INACTIVE_INTERVAL_LIMIT + ": pass a shorter duration, or a negative one for no expiry");
        }
        this.maxInactiveInterval = interval;
        return this;
    }

    /** Sets the principal name, or clears it with null. */
    public SessionUpdate principal(String principalName) {
        this.principalSet = true;
        this.principal = principalName;
        return this;
    }

    /** True when the update changes nothing. */
    public boolean isEmpty() {
        return setAttributes.isEmpty() && removedAttributes.isEmpty() && lastAccessedTime == null
                && maxInactiveInterval == null && !principalSet;
    }

    Map<String, Object> setAttributes() {
        return setAttributes;
    }

    Set<String> removedAttributes() {
        return removedAttributes;
    }

    Instant lastAccessedTime() {
        return lastAccessedTime;
    }

    Duration maxInactiveInterval() {
        return maxInactiveInterval;
    }

    boolean hasPrincipal() {
        return principalSet;
    }

    String principal() {
        return principal;
    }

    /** Returns the interval in whole seconds as stored: rounded up, or -1 for a negative interval. */
    static int toSeconds(Duration interval) {
        if (interval.isNegative()) {
            return -1;
        }
        long seconds = interval.getSeconds() + (interval.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }
}
