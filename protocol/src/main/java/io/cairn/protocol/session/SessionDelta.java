package io.cairn.protocol.session;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Changes to one session that {@link SessionUpdateProcessor} applies on the owner: attributes to
 * set or remove, a new last access time, a new max inactive interval, a new principal. Attributes
 * that a delta does not name keep the values they have on the owner, so concurrent deltas that
 * change different attributes never undo each other.
 *
 * <p>Build a delta on one thread, then send it; instances are not thread-safe.
 */
public final class SessionDelta {

    /** Last access time meaning "leave it as it is". */
    public static final long UNCHANGED_TIME = -1L;

    private final Map<String, byte[]> setAttributes = new LinkedHashMap<>();
    private final Set<String> removedAttributes = new LinkedHashSet<>();
    private long lastAccessedTime = UNCHANGED_TIME;
    private boolean maxInactiveIntervalSet;
    private int maxInactiveIntervalSeconds;
    private boolean principalSet;
    private String principal;

    /** Sets attribute {@code name} to the UTF-8 JSON {@code json}, replacing an earlier change of it in this delta. */
    public SessionDelta setAttribute(String name, byte[] json) {
        removedAttributes.remove(name);
        setAttributes.put(name, json);
        return this;
    }

    /** Removes attribute {@code name}, replacing an earlier change of it in this delta. */
    public SessionDelta removeAttribute(String name) {
        setAttributes.remove(name);
        removedAttributes.add(name);
        return this;
    }

    /** Moves the last access time to {@code epochMillis}; the owner never moves it backwards. */
    public SessionDelta touch(long epochMillis) {
        this.lastAccessedTime = epochMillis;
        return this;
    }

    /** Sets the max inactive interval; zero or less means that the session never expires. */
    public SessionDelta maxInactiveInterval(int seconds) {
        this.maxInactiveIntervalSet = true;
        this.maxInactiveIntervalSeconds = seconds;
        return this;
    }

    /** Sets the principal name, or clears it with null. */
    public SessionDelta principal(String principalName) {
        this.principalSet = true;
        this.principal = principalName;
        return this;
    }

    /** True when the delta changes nothing. */
    public boolean isEmpty() {
        return setAttributes.isEmpty() && removedAttributes.isEmpty() && lastAccessedTime == UNCHANGED_TIME
                && !maxInactiveIntervalSet && !principalSet;
    }

    public Map<String, byte[]> setAttributes() {
        return Collections.unmodifiableMap(setAttributes);
    }

    public Set<String> removedAttributes() {
        return Collections.unmodifiableSet(removedAttributes);
    }

    public long lastAccessedTime() {
        return lastAccessedTime;
    }

    public boolean hasMaxInactiveInterval() {
        return maxInactiveIntervalSet;
    }

    public int maxInactiveIntervalSeconds() {
        return maxInactiveIntervalSeconds;
    }

    public boolean hasPrincipal() {
        return principalSet;
    }

    public String principal() {
        return principal;
    }

    void writeTo(ObjectDataOutput out) throws IOException {
        out.writeInt(setAttributes.size());
        for (Map.Entry<String, byte[]> set : setAttributes.entrySet()) {
            out.writeString(set.getKey());
            out.writeByteArray(set.getValue());
        }
        out.writeInt(removedAttributes.size());
        for (String name : removedAttributes) {
            out.writeString(name);
        }
        out.writeLong(lastAccessedTime);
        out.writeBoolean(maxInactiveIntervalSet);
        out.writeInt(maxInactiveIntervalSeconds);
        out.writeBoolean(principalSet);
        out.writeString(principal);
    }

    static SessionDelta readFrom(ObjectDataInput in) throws IOException {
        SessionDelta delta = new SessionDelta();
        int setCount = in.readInt();
        for (int i = 0; i < setCount; i++) {
            delta.setAttributes.put(in.readString(), in.readByteArray());
        }
        int removedCount = in.readInt();
        for (int i = 0; i < removedCount; i++) {
            delta.removedAttributes.add(in.readString());
        }
        delta.lastAccessedTime = in.readLong();
        delta.maxInactiveIntervalSet = in.readBoolean();
        delta.maxInactiveIntervalSeconds = in.readInt();
        delta.principalSet = in.readBoolean();
        delta.principal = in.readString();
        return delta;
    }
}
