package io.cairn.protocol;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.Map;

/**
 * Puts a JSON value or a delete marker on the partition owner, stamping a new version and the
 * dirty mark in the same step.
 *
 * <p>The new entry is computed once, on the owner. Backups receive that exact entry through
 * {@link ApplyBackupProcessor}, never a re-run of this logic, so the version and expiry that the
 * backups hold are the ones the owner acknowledged.
 */
public final class WriteProcessor
        implements EntryProcessor<String, StoredEntry, Void>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** TTL value meaning "use the default TTL of the map". */
    public static final long DEFAULT_TTL = -1L;

    private static final long serialVersionUID = 1L;

    private String mapName;
    private byte[] json;
    private long ttlMillis;

    private transient MemberServices services;
    private transient StoredEntry written;

    /** For deserialization only. */
    public WriteProcessor() {
    }

    private WriteProcessor(String mapName, byte[] json, long ttlMillis) {
        this.mapName = mapName;
        this.json = json;
        this.ttlMillis = ttlMillis;
    }

    /**
     * Creates a put of {@code json}.
     *
     * @param ttlMillis time to live in milliseconds, 0 for none, or {@link #DEFAULT_TTL}
     */
    public static WriteProcessor put(String mapName, byte[] json, long ttlMillis) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null; use WriteProcessor.delete for a delete");
        }
        return new WriteProcessor(mapName, json, ttlMillis);
    }

    /** Creates a delete, which leaves a tombstone until the flusher has written it. */
    public static WriteProcessor delete(String mapName) {
        return new WriteProcessor(mapName, null, 0L);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.services = MemberServices.of(instance);
    }

    @Override
    public Void process(Map.Entry<String, StoredEntry> entry) {
        services.checkWritable(mapName, entry.getKey());

        StoredEntry previous = entry.getValue();
        long previousVersion = previous == null ? 0L : previous.version();
        long flushedVersion = previous == null ? 0L : previous.flushedVersion();
        long version = Versions.next(previousVersion);

        if (json == null) {
            written = StoredEntry.dirtyTombstone(version, flushedVersion);
        } else {
            written = StoredEntry.dirtyValue(json, version, flushedVersion, expiryFor(ttlMillis));
        }

        entry.setValue(written);
        services.recordDirty(mapName, entry.getKey(), version);
        return null;
    }

    private long expiryFor(long requestedTtlMillis) {
        long ttl = requestedTtlMillis == DEFAULT_TTL ? services.defaultTtlMillis(mapName) : requestedTtlMillis;
        return ttl <= 0 ? StoredEntry.NO_EXPIRY : System.currentTimeMillis() + ttl;
    }

    @Override
    public EntryProcessor<String, StoredEntry, Void> getBackupProcessor() {
        return written == null ? null : new ApplyBackupProcessor<>(written);
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.WRITE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(mapName);
        out.writeByteArray(json);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
        json = in.readByteArray();
        ttlMillis = in.readLong();
    }
}
