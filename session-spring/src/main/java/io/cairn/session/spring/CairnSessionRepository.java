package io.cairn.session.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.client.CairnSession;
import io.cairn.client.CairnSessionStore;
import io.cairn.client.SessionNotFoundException;
import io.cairn.client.SessionUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.SaveMode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Spring Session repository over a {@link CairnSessionStore}: HTTP sessions live in the Cairn map
 * {@code sessions}, replicated in the grid and written behind to PostgreSQL.
 *
 * <p>A save sends one delta with only what the request changed, so concurrent requests on one
 * session keep each other's attribute changes. {@link FlushMode#ON_SAVE} (default) sends it when
 * the request ends; {@link FlushMode#IMMEDIATE} sends every change at once. {@link SaveMode}
 * decides which attributes count as changed: those set ({@code ON_SET_ATTRIBUTE}, default), also
 * those read ({@code ON_GET_ATTRIBUTE}, for values changed in place), or all ({@code ALWAYS}).
 *
 * <p>The principal index follows the attribute {@link #PRINCIPAL_NAME_INDEX_NAME}, or else the
 * name of the authentication in Spring Security's context attribute {@code SPRING_SECURITY_CONTEXT},
 * read by Spring Session's {@link PrincipalNameIndexResolver} without a dependency on Spring
 * Security. It is resolved again when a save changes either attribute.
 */
public final class CairnSessionRepository implements FindByIndexNameSessionRepository<CairnSpringSession> {

    /** Attribute in which Spring Security stores its context. */
    static final String SPRING_SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

    private static final Logger LOG = LoggerFactory.getLogger(CairnSessionRepository.class);
    private static final Set<String> PRINCIPAL_ATTRIBUTES = Set.of(PRINCIPAL_NAME_INDEX_NAME, SPRING_SECURITY_CONTEXT);

    private final CairnSessionStore store;
    private final AttributeCodec codec;
    private final PrincipalNameIndexResolver<CairnSpringSession> principalResolver = new PrincipalNameIndexResolver<>();

    private Duration defaultMaxInactiveInterval = CairnSessionStore.DEFAULT_MAX_INACTIVE_INTERVAL;
    private FlushMode flushMode = FlushMode.ON_SAVE;
    private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;

    /**
     * @param objectMapper the mapper that the store's client uses, so attribute values map the same
     *     way in both directions
     */
    public CairnSessionRepository(CairnSessionStore store, ObjectMapper objectMapper) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = new AttributeCodec(Objects.requireNonNull(objectMapper, "objectMapper"),
                Thread.currentThread().getContextClassLoader());
    }

    /** Sets the max inactive interval of new sessions; negative for sessions that never expire. */
    public void setDefaultMaxInactiveInterval(Duration interval) {
        if (interval == null || interval.isZero()) {
            throw new IllegalArgumentException("defaultMaxInactiveInterval is " + interval
                    + ": set a positive duration, or a negative one for sessions that never expire");
        }
        this.defaultMaxInactiveInterval = interval;
    }

    public void setFlushMode(FlushMode flushMode) {
        this.flushMode = Objects.requireNonNull(flushMode, "flushMode");
    }

    public void setSaveMode(SaveMode saveMode) {
        this.saveMode = Objects.requireNonNull(saveMode, "saveMode");
    }

    @Override
    public CairnSpringSession createSession() {
        CairnSpringSession session = CairnSpringSession.newSession(this, store.generateId(), defaultMaxInactiveInterval);
        if (flushMode == FlushMode.IMMEDIATE) {
            save(session);
        }
        return session;
    }

    /**
     * Stores what {@code session} changed since it was loaded or last saved. A session that another
     * request invalidated, or that expired, meanwhile stays gone: its changes are dropped.
     */
    @Override
    public void save(CairnSpringSession session) {
        String principal = session.storedPrincipal();
        if (session.isNew() || session.changesAny(PRINCIPAL_ATTRIBUTES)) {
            principal = principalResolver.resolveIndexValueFor(session);
        }

        SessionUpdate update = session.pendingUpdate(codec);
        if (!Objects.equals(principal, session.storedPrincipal())) {
            update.principal(principal);
        }

        try {
            if (session.isNew()) {
                store.create(session.getId(), update);
            } else {
                if (!session.getId().equals(session.storedId())) {
                    store.changeId(session.storedId(), session.getId());
                }
                if (!update.isEmpty()) {
                    store.update(session.getId(), update);
                }
            }
        } catch (SessionNotFoundException e) {
            LOG.debug("Session {} was invalidated or expired during the request; its changes are dropped",
                    describe(session.getId()));
        }
        session.markSaved(principal);
    }

    @Override
    public CairnSpringSession findById(String id) {
        CairnSession stored = store.find(id, false);
        return stored == null ? null : CairnSpringSession.stored(this, stored);
    }

    @Override
    public void deleteById(String id) {
        store.invalidate(id);
    }

    /**
     * Returns the sessions whose principal is {@code indexValue} when {@code indexName} is
     * {@link #PRINCIPAL_NAME_INDEX_NAME}, and no sessions for any other index.
     */
    @Override
    public Map<String, CairnSpringSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return Map.of();
        }
        Map<String, CairnSpringSession> sessions = new LinkedHashMap<>();
        store.findByPrincipal(indexValue).forEach((id, stored) -> sessions.put(id, CairnSpringSession.stored(this, stored)));
        return sessions;
    }

    String generateId() {
        return store.generateId();
    }

    AttributeCodec codec() {
        return codec;
    }

    FlushMode flushMode() {
        return flushMode;
    }

    SaveMode saveMode() {
        return saveMode;
    }

    private static String describe(String id) {
        return id.length() <= 6 ? id : id.substring(0, 6) + "...";
    }
}
