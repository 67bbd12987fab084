package io.cairn.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Gives a dirty entry a version above the one PostgreSQL already stores, when the upsert of the
 * entry was rejected as older.
 *
 * <p>The entry in memory is the latest acknowledged write for its key, so it must win. A stored row
 * with a higher version can only come from an earlier incarnation of the key whose version was
 * stamped by a member with a clock ahead of this one. The re-stamp happens only if the entry still
 * has the version that was rejected, so a newer write is never touched. The processor returns the
 * new version, or null when the entry had changed.
 */
public final class RestampProcessor
        implements EntryProcessor<String, StoredEntry, Long>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    private long rejectedVersion;
    private long storedVersion;

    private transient StoredEntry restamped;

    /** For deserialization only. */
    public RestampProcessor() {
    }

    public RestampProcessor(long rejectedVersion, long storedVersion) {
        this.rejectedVersion = rejectedVersion;
        this.storedVersion = storedVersion;
    }

    @Override
    public Long process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry current = entry.getValue();
        if (current == null || current.version() != rejectedVersion) {
            return null;
        }

        restamped = current.withVersion(Versions.next(Math.max(storedVersion, rejectedVersion)));
        entry.setValue(restamped);
        return restamped.version();
    }

    @Override
    public EntryProcessor<String, StoredEntry, Long> getBackupProcessor() {
        return restamped == null ? null : new ApplyBackupProcessor<>(restamped);
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.RESTAMP_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(rejectedVersion);
        out.writeLong(storedVersion);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        rejectedVersion = in.readLong();
        storedVersion = in.readLong();
    }
}
