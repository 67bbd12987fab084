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
 * Stores a new session document under its id on the partition owner, as a dirty entry whose expiry
 * and principal index value come from the document.
 *
 * <p>A plain create returns false and changes nothing when a live session already has the id in
 * memory. It does not look in PostgreSQL, so callers use random ids of 256 bits, which cannot
 * collide with a row that is only stored there. A replacing create, used to retry a change of id,
 * overwrites whatever the id contains. Returns true when the document was stored.
 */
public final class SessionCreateProcessor
        implements EntryProcessor<String, StoredEntry, Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private String mapName;
    private byte[] documentJson;
    private boolean replace;

    private transient MemberServices services;
    private transient StoredEntry written;

    /** For deserialization only. */
    public SessionCreateProcessor() {
    }

    private SessionCreateProcessor(String mapName, byte[] documentJson, boolean replace) {
        this.mapName = mapName;
        this.documentJson = documentJson;
        this.replace = replace;
    }

    /** Creates the session unless a live session has the id. */
    public static SessionCreateProcessor create(String mapName, byte[] documentJson) {
        return new SessionCreateProcessor(mapName, documentJson, false);
    }

    /** Stores the session whatever the id contains. */
    public static SessionCreateProcessor replace(String mapName, byte[] documentJson) {
        return new SessionCreateProcessor(mapName, documentJson, true);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.services = MemberServices.of(instance);
    }

    @Override
    public Boolean process(Map.Entry<String, StoredEntry> entry) {
        StoredEntry previous = entry.getValue();
        if (!replace && SessionEntries.isLive(previous)) {
            return Boolean.FALSE;
        }

        services.checkWritable(mapName, entry.getKey());
        SessionDocument document = SessionDocument.parse(documentJson);
        written = SessionEntries.next(previous, document);

        entry.setValue(written);
        services.recordDirty(mapName, entry.getKey(), written.version());
        return Boolean.TRUE;
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
        return ProtocolSerializerFactory.SESSION_CREATE_PROCESSOR;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(mapName);
        out.writeByteArray(documentJson);
        out.writeBoolean(replace);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        mapName = in.readString();
        documentJson = in.readByteArray();
        replace = in.readBoolean();
    }
}
