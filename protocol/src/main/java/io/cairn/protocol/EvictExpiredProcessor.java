package io.cairn.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Removes a clean entry from memory: one that has expired, or, for idle eviction, any clean entry.
 * A dirty entry always stays until the flusher has stored it in PostgreSQL; otherwise read-through
 * could bring back an older row.
 */
public final class EvictExpiredProcessor
        implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable {

    private static final long serialVersionUID = 1L;

    private long nowMillis;
    private boolean evictLive;

    /** For deserialization only. */
    public EvictExpiredProcessor() {
    }

    /** Creates a processor that removes entries expired at {@code nowMillis}, if clean. */
    public EvictExpiredProcessor(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /**
     * Creates a processor that removes clean entries whether or not they expired, for entries idle
     * longer than the map's max idle time. They stay in PostgreSQL and load again on the next read.
     */
    public static EvictExpiredProcessor evictIdle() {
        EvictExpiredProcessor processor = new EvictExpiredProcessor(0L);
        processor.evictLive = true;
        return processor;
    }

    @Override
    public Boolean process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry current = entry.getValue();
        if (current == null || current.isDirty() || (!evictLive && !current.isExpired(nowMillis))) {
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
        out.writeBoolean(evictLive);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowMillis = in.readLong();
        evictLive = in.readBoolean();
    }
}
