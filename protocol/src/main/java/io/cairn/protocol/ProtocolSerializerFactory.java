package io.cairn.protocol;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.cairn.protocol.session.SessionCreateProcessor;
import io.cairn.protocol.session.SessionDeleteProcessor;
import io.cairn.protocol.session.SessionUpdateProcessor;

/**
 * Creates Cairn's wire objects by class id. Members and clients register it under
 * {@link #FACTORY_ID}; the cluster configuration module does that for both.
 */
public final class ProtocolSerializerFactory implements DataSerializableFactory {

    public static final int FACTORY_ID = 7_311;

    static final int STORED_ENTRY = 1;
    static final int WRITE_PROCESSOR = 2;
    static final int APPLY_BACKUP_PROCESSOR = 3;
    static final int LOAD_PROCESSOR = 4;
    static final int MARK_FLUSHED_PROCESSOR = 5;
    static final int RESTAMP_PROCESSOR = 6;
    static final int EVICT_EXPIRED_PROCESSOR = 7;

    // Public because the session processors live in their own package.
    public static final int SESSION_UPDATE_PROCESSOR = 8;
    public static final int SESSION_CREATE_PROCESSOR = 9;
    public static final int SESSION_DELETE_PROCESSOR = 10;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        switch (classId) {
            case STORED_ENTRY:
                return new StoredEntry();
            case WRITE_PROCESSOR:
                return new WriteProcessor();
            case APPLY_BACKUP_PROCESSOR:
                return new ApplyBackupProcessor<>();
            case LOAD_PROCESSOR:
                return new LoadProcessor();
            case MARK_FLUSHED_PROCESSOR:
                return new MarkFlushedProcessor();
            case RESTAMP_PROCESSOR:
                return new RestampProcessor();
            case EVICT_EXPIRED_PROCESSOR:
                return new EvictExpiredProcessor();
            case SESSION_UPDATE_PROCESSOR:
                return new SessionUpdateProcessor();
            case SESSION_CREATE_PROCESSOR:
                return new SessionCreateProcessor();
            case SESSION_DELETE_PROCESSOR:
                return new SessionDeleteProcessor();
            default:
                throw new IllegalArgumentException("Unknown Cairn class id " + classId + " for factory " + FACTORY_ID
                        + ": members and clients run different Cairn versions");
        }
    }
}
