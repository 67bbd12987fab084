package io.cairn.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Sets, on a backup replica, the exact entry that the owner computed; null removes the entry.
 *
 * @param <R> result type of the owner-side processor, which Hazelcast requires the backup to share
 */
public final class ApplyBackupProcessor<R>
        implements EntryProcessor<String, StoredEntry, R>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    private StoredEntry value;

    /** For deserialization only. */
    public ApplyBackupProcessor() {
    }

    public ApplyBackupProcessor(StoredEntry value) {
        this.value = value;
    }

    @Override
    public R process(Map.Entry<String, StoredEntry> entry) {
        entry.setValue(value);
        return null;
    }

    @Override
    public EntryProcessor<String, StoredEntry, R> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.APPLY_BACKUP_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readObject();
    }
}
