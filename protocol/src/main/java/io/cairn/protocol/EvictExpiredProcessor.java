package io.cairn.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Removes an entry from memory if it has expired and is clean. A dirty expired entry stays until the
 * flusher has stored its expiry in PostgreSQL; otherwise read-through could bring back an older row.
 */
public final class EvictExpiredProcessor
        implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    private long nowMillis;

    /** For deserialization only. */
    public EvictExpiredProcessor() {
    }

    public EvictExpiredProcessor(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    @Override
    public Boolean process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry current = entry.getValue();
        if (current == null || current.isDirty() || !current.isExpired(nowMillis)) {
            return Boolean.FALSE;
        }
        entry.setValue(null);
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
        return ProtocolSerializerFactory.EVICT_EXPIRED_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMillis = in.readLong();
    }
}
