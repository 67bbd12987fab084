package io.cairn.protocol.session;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.cairn.protocol.ApplyBackupProcessor;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.ProtocolSerializerFactory;
import io.cairn.protocol.StoredEntry;

import java.io.IOException;
import java.util.Map;

/**
 * Replaces a session with a dirty tombstone on the partition owner, so that the flusher deletes
 * its row too.
 *
 * <p>An unconditional delete writes the tombstone even when no entry is in memory, because the
 * session may exist only in PostgreSQL; it returns true when a live session was in memory. A
 * conditional delete acts only while the entry in memory still has the expected version, and
 * returns whether it did; a change of id uses it to fence off updates it did not copy.
 */
public final class SessionDeleteProcessor
        implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** Expected version meaning "whatever the entry holds". */
    public static final long ANY_VERSION = -1L;

    private static final long serialVersionUID = 1L;

    private String mapName;
    private long expectedVersion;

    private transient MemberServices services;
    private transient StoredEntry written;

    /** For deserialization only. */
    public SessionDeleteProcessor() {
    }

    private SessionDeleteProcessor(String mapName, long expectedVersion) {
        this.mapName = mapName;
        this.expectedVersion = expectedVersion;
    }

    /** Deletes the session whatever its version. */
    public static SessionDeleteProcessor delete(String mapName) {
        return new SessionDeleteProcessor(mapName, ANY_VERSION);
    }

    /** Deletes the session only if the entry in memory has {@code version}. */
    public static SessionDeleteProcessor deleteIfVersion(String mapName, long version) {
        return new SessionDeleteProcessor(mapName, version);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.services = MemberServices.of(instance);
    }

    @Override
    public Boolean process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry previous = entry.getValue();
        if (expectedVersion != ANY_VERSION && (previous == null || previous.version() != expectedVersion)) {
            return Boolean.FALSE;
        }
        if (previous != null && previous.isDeleted()) {
            return Boolean.FALSE;
        }

        services.checkWritable(mapName, entry.getKey());
        boolean wasLive = SessionEntries.isLive(previous);
        written = SessionEntries.tombstone(previous);

        entry.setValue(written);
        services.recordDirty(mapName, entry.getKey(), written.version());
        return expectedVersion == ANY_VERSION ? wasLive : Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, StoredEntry, Boolean> getBackupProcessor() {
        return written == null ? null : new ApplyBackupProcessor<>(written);
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.SESSION_DELETE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(mapName);
        out.writeLong(expectedVersion);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
        expectedVersion = in.readLong();
    }
}
