package io.cairn.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Marks entries clean after their rows were committed, but only where the version in memory is still
 * the one that was written. A flushed tombstone is removed from the grid.
 *
 * <p>The same logic runs on backups: it depends only on the replicated entry and the written
 * versions, so owner and backups reach the same state.
 */
public final class MarkFlushedProcessor
        implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    private Map<String, Long> writtenVersions;

    /** For deserialization only. */
    public MarkFlushedProcessor() {
    }

    /** @param writtenVersions version committed to PostgreSQL, by key */
    public MarkFlushedProcessor(Map<String, Long> writtenVersions) {
        this.writtenVersions = writtenVersions;
    }

    @Override
    public Boolean process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry current = entry.getValue();
        Long written = writtenVersions.get(entry.getKey());
        if (current == null || written == null || current.version() != written) {
            return Boolean.FALSE;
        }

        if (current.isDeleted()) {
            entry.setValue(null);
        } else {
            entry.setValue(current.withFlushedVersion(written));
        }
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, StoredEntry, Boolean> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.MARK_FLUSHED_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(writtenVersions.size());
        for (Map.Entry<String, Long> written : writtenVersions.entrySet()) {
            out.writeString(written.getKey());
            out.writeLong(written.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        writtenVersions = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            writtenVersions.put(in.readString(), in.readLong());
        }
    }
}
