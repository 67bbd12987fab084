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
 * Applies a {@link SessionDelta} to a live session on its partition owner, stamping a new version
 * and the dirty mark in the same step.
 *
 * <p>The owner runs the processors of one key one at a time, and each applies only the changes its
 * delta names to the document it finds, so concurrent updates of different attributes all survive.
 * The new entry is computed once, on the owner; backups receive that exact entry through
 * {@link ApplyBackupProcessor}.
 *
 * <p>An expired session is never changed. When it is already written to PostgreSQL, the processor
 * removes it from the grid, as the expiry sweep would, which raises the map's removed event now.
 *
 * <p>Result: the new entry when the delta was applied; a tombstone, not stored, when the session is
 * invalidated or expired; null when no entry is in memory, so the caller should load the session
 * by read-through and try again.
 */
public final class SessionUpdateProcessor
        implements EntryProcessor<String, StoredEntry, StoredEntry>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private String mapName;
    private SessionDelta delta;

    private transient MemberServices services;
    private transient StoredEntry written;
    private transient boolean removed;

    /** For deserialization only. */
    public SessionUpdateProcessor() {
    }

    public SessionUpdateProcessor(String mapName, SessionDelta delta) {
        this.mapName = mapName;
        this.delta = delta;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.services = MemberServices.of(instance);
    }

    @Override
    public StoredEntry process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry previous = entry.getValue();
        if (previous == null) {
            return null;
        }
        if (previous.isDeleted()) {
            return previous;
        }
        if (!SessionEntries.isLive(previous)) {
            if (!previous.isDirty()) {
                entry.setValue(null);
                removed = true;
            }
            return StoredEntry.dirtyTombstone(previous.version(), previous.flushedVersion());
        }

        services.checkWritable(mapName, entry.getKey());
        // NOTE: the size of the whole document is not checked here; clients check each attribute value only.
        SessionDocument document = SessionDocument.parse(previous.json()).apply(delta);
        written = SessionEntries.next(previous, document);

        entry.setValue(written);
        services.recordDirty(mapName, entry.getKey(), written.version());
        return written;
    }

    @Override
    public EntryProcessor<String, StoredEntry, StoredEntry> getBackupProcessor() {
        if (removed) {
            return new ApplyBackupProcessor<>(null);
        }
        return written == null ? null : new ApplyBackupProcessor<>(written);
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.SESSION_UPDATE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(mapName);
        delta.writeTo(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
        delta = SessionDelta.readFrom(in);
    }
}
