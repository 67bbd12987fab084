package io.cairn.protocol;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.Offloadable;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Read-through for one key: returns the entry in memory, or loads the row from PostgreSQL and keeps
 * it in the grid.
 *
 * <p>The processor is {@link Offloadable}: Hazelcast locks the key on the owner, runs the database
 * read on the {@value #EXECUTOR_NAME} executor instead of a partition thread, then stores the result
 * and unlocks. A second miss on the same key waits for that lock and then finds the loaded entry,
 * so concurrent misses cause one database read.
 */
public final class LoadProcessor
        implements EntryProcessor<String, StoredEntry, StoredEntry>, Offloadable, IdentifiedDataSerializable,
        HazelcastInstanceAware {

    /** Name of the member executor that runs read-through loads. */
    public static final String EXECUTOR_NAME = "cairn-load";

    private static final long serialVersionUID = 1L;

    private String mapName;

    private transient MemberServices services;
    private transient StoredEntry loaded;

    /** For deserialization only. */
    public LoadProcessor() {
    }

    public LoadProcessor(String mapName) {
        this.mapName = mapName;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.services = MemberServices.of(instance);
    }

    @Override
    public StoredEntry process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry inMemory = entry.getValue();
        if (inMemory != null) {
            return inMemory;
        }

        loaded = services.load(mapName, entry.getKey());
        if (loaded != null) {
            entry.setValue(loaded);
        }
        return loaded;
    }

    @Override
    public EntryProcessor<String, StoredEntry, StoredEntry> getBackupProcessor() {
        return loaded == null ? null : new ApplyBackupProcessor<>(loaded);
    }

    @Override
    public String getExecutorName() {
        return EXECUTOR_NAME;
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.LOAD_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(mapName);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
    }
}
