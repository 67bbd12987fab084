package io.cairn.protocol;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The value Cairn keeps in every grid map: the JSON document plus the persistence metadata that
 * write-behind needs.
 *
 * <p>The metadata travels inside the entry, so Hazelcast replicates it to the synchronous backups
 * together with the value. When an owner dies, the promoted backup still has the dirty marks and
 * flushes those entries. An entry is dirty while {@code version > flushedVersion}. A delete is a
 * tombstone ({@code deleted == true}, no JSON) until the flusher has written it.
 *
 * <p>Instances are immutable. The {@code with...} methods return copies.
 */
public final class StoredEntry implements IdentifiedDataSerializable {

    /** Expiry value meaning that the entry never expires. */
    public static final long NO_EXPIRY = 0L;

    private byte[] json;
    private long version;
    private long flushedVersion;
    private long expiresAtMillis;
    private boolean deleted;
    private String indexValue;

    /** For deserialization only. */
    public StoredEntry() {
    }

    private StoredEntry(byte[] json, long version, long flushedVersion, long expiresAtMillis, boolean deleted,
                        String indexValue) {
        this.json = json;
        this.version = version;
        this.flushedVersion = flushedVersion;
        this.expiresAtMillis = expiresAtMillis;
        this.deleted = deleted;
        this.indexValue = indexValue;
    }

    /** Creates a live entry that is not yet written to PostgreSQL. */
    public static StoredEntry dirtyValue(byte[] json, long version, long flushedVersion, long expiresAtMillis) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null for a live entry; use dirtyTombstone for a delete");
        }
        return new StoredEntry(json, version, flushedVersion, expiresAtMillis, false, null);
    }

    /**
     * Creates a live entry that is not yet written to PostgreSQL, with a secondary index value (the
     * sessions map stores the principal name there).
     */
    public static StoredEntry dirtyValue(byte[] json, long version, long flushedVersion, long expiresAtMillis,
                                         String indexValue) {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null for a live entry; use dirtyTombstone for a delete");
        }
        return new StoredEntry(json, version, flushedVersion, expiresAtMillis, false, indexValue);
    }

    /** Creates a delete marker that stays in the grid until the flusher has written the delete. */
    public static StoredEntry dirtyTombstone(long version, long flushedVersion) {
        return new StoredEntry(null, version, flushedVersion, NO_EXPIRY, true, null);
    }

    /** Creates a clean entry, as loaded from PostgreSQL by read-through. */
    public static StoredEntry clean(byte[] json, long version, long expiresAtMillis) {
        return new StoredEntry(json, version, version, expiresAtMillis, false, null);
    }

    /** Creates a clean entry with a secondary index value, as loaded from PostgreSQL by read-through. */
    public static StoredEntry clean(byte[] json, long version, long expiresAtMillis, String indexValue) {
        return new StoredEntry(json, version, version, expiresAtMillis, false, indexValue);
    }

    /** Returns a copy marked as written to PostgreSQL up to {@code writtenVersion}. */
    public StoredEntry withFlushedVersion(long writtenVersion) {
        return new StoredEntry(json, version, Math.max(flushedVersion, writtenVersion), expiresAtMillis, deleted, indexValue);
    }

    /** Returns a copy with a new version, still dirty. */
    public StoredEntry withVersion(long newVersion) {
        return new StoredEntry(json, newVersion, flushedVersion, expiresAtMillis, deleted, indexValue);
    }

    /** Returns the JSON document as UTF-8 bytes, or null for a tombstone. */
    public byte[] json() {
        return json;
    }

    /** Returns the JSON document as a string, or null for a tombstone. */
    public String jsonText() {
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    /** Version of this value. It only grows for a key. */
    public long version() {
        return version;
    }

    /** Highest version known to be stored in PostgreSQL. */
    public long flushedVersion() {
        return flushedVersion;
    }

    /** Absolute expiry in epoch milliseconds, or {@link #NO_EXPIRY}. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /**
     * Secondary index value, or null. The sessions map stores the principal name here; Hazelcast
     * queries and indexes it as the attribute {@code indexValue}, and PostgreSQL stores it in the
     * column {@code index_value}.
     */
    public String getIndexValue() {
        return indexValue;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /** True while this version still has to be written to PostgreSQL. */
    public boolean isDirty() {
        return version > flushedVersion;
    }

    public boolean isExpired(long nowMillis) {
        return expiresAtMillis != NO_EXPIRY && expiresAtMillis <= nowMillis;
    }

    /** True when a reader should see a value: not deleted and not expired. */
    public boolean isLive(long nowMillis) {
        return !deleted && !isExpired(nowMillis);
    }

    @Override
    public int getFactoryId() {
        return ProtocolSerializerFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProtocolSerializerFactory.STORED_ENTRY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(json);
        out.writeLong(version);
        out.writeLong(flushedVersion);
        out.writeLong(expiresAtMillis);
        out.writeBoolean(deleted);
        out.writeString(indexValue);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        json = in.readByteArray();
        version = in.readLong();
        flushedVersion = in.readLong();
        expiresAtMillis = in.readLong();
        deleted = in.readBoolean();
        indexValue = in.readString();
    }

    @Override
    public String toString() {
        return "StoredEntry{version=" + version + ", flushedVersion=" + flushedVersion
                + ", expiresAtMillis=" + expiresAtMillis + ", deleted=" + deleted
                + ", jsonBytes=" + (json == null ? 0 : json.length) + '}';
    }
}
