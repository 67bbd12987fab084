package io.cairn.client;

import io.cairn.protocol.MapNames;
import io.cairn.protocol.MarkFlushedProcessor;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.session.SessionDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SessionStoreTest {

    record Cart(List<String> items) {
    }

    private static TestMember member;
    private static CairnClient client;

    private CairnSessionStore store;

    @BeforeAll
    static void startCluster() {
        member = TestMember.start();
        client = member.clientBuilder().operationTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.close();
        }
    }

    @BeforeEach
    void resetState() {
        member.sessionsMap().clear();
        member.services().reset();
        store = client.sessions();
    }

    @Test
    void generatedIdsAreRandomBase64url() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(store.generateId());
        }

        assertThat(ids).hasSize(100);
        assertThat(ids).allMatch(id -> id.matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void createThenFindRoundTrip() {
        CairnSession created = store.create(Duration.ofMinutes(5));
        store.setAttribute(created.id(), "cart", new Cart(List.of("lamp", "desk")));

        CairnSession found = store.find(created.id());

        assertThat(found.attribute("cart", Cart.class)).isEqualTo(new Cart(List.of("lamp", "desk")));
        assertThat(found.maxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(found.principal()).isNull();
        StoredEntry stored = member.sessionsMap().get(created.id());
        assertThat(stored.isDirty()).isTrue();
        assertThat(stored.expiresAtMillis()).isEqualTo(found.lastAccessedTime().toEpochMilli() + 300_000);
        assertThat(SessionDocument.parse(stored.json()).id()).isEqualTo(created.id());
    }

    @Test
    void createRejectsTakenId() {
        CairnSession created = store.create();

        assertThatThrownBy(() -> store.create(created.id(), new SessionUpdate()))
                .isInstanceOf(CairnException.class)
                .hasMessageContaining("already has this id");
    }

    @Test
    void findTouchesLastAccess() {
        CairnSession created = store.create();
        long before = member.sessionsMap().get(created.id()).version();

        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(created.id()).lastAccessedTime()
                .isAfter(created.lastAccessedTime()));

        assertThat(member.sessionsMap().get(created.id()).version()).isGreaterThan(before);
        long untouched = member.sessionsMap().get(created.id()).version();
        assertThat(store.find(created.id(), false)).isNotNull();
        assertThat(member.sessionsMap().get(created.id()).version()).isEqualTo(untouched);
    }

    @Test
    void missingSessionIsMiss() {
        String id = store.generateId();

        assertThat(store.find(id)).isNull();
        assertThat(store.find(id, false)).isNull();
        assertThatThrownBy(() -> store.setAttribute(id, "a", 1)).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void findLoadsSessionFromPostgres() {
        String id = store.generateId();
        SessionDocument document = SessionDocument.newSession(id, System.currentTimeMillis(), 600);
        member.services().putRow(MapNames.SESSIONS, id,
                StoredEntry.clean(document.toJson(), 7L, document.expiresAtMillis(), "carol"));

        CairnSession found = store.find(id, false);

        assertThat(found).isNotNull();
        assertThat(found.version()).isEqualTo(7L);
        assertThat(member.services().loads()).isEqualTo(1);
        assertThat(store.setAttribute(id, "a", 1).attribute("a", Integer.class)).isEqualTo(1);
    }

    @Test
    void sessionExpiresAfterInactivity() {
        CairnSession created = store.create(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(created.id(), false) == null);

        assertThat(store.find(created.id())).isNull();
        assertThatThrownBy(() -> store.setAttribute(created.id(), "a", 1)).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void invalidateLeavesTombstone() {
        CairnSession created = store.create();

        assertThat(store.invalidate(created.id())).isTrue();

        assertThat(store.find(created.id())).isNull();
        assertThat(member.sessionsMap().get(created.id()).isDeleted()).isTrue();
        assertThat(store.invalidate(created.id())).isFalse();
    }

    @Test
    void removeAttributeKeepsOthers() {
        CairnSession created = store.create();
        store.update(created.id(), new SessionUpdate().setAttribute("a", 1).setAttribute("b", 2));

        CairnSession after = store.removeAttribute(created.id(), "a");

        assertThat(after.attributeNames()).containsExactly("b");
    }

    @Test
    void changeIdMovesContent() {
        CairnSession created = store.create();
        store.update(created.id(), new SessionUpdate().setAttribute("a", "x").principal("alice"));

        String newId = store.changeId(created.id());

        assertThat(newId).isNotEqualTo(created.id());
        assertThat(store.find(created.id())).isNull();
        CairnSession moved = store.find(newId);
        assertThat(moved.attribute("a", String.class)).isEqualTo("x");
        assertThat(moved.principal()).isEqualTo("alice");
        assertThat(moved.creationTime()).isEqualTo(created.creationTime());
        assertThat(store.findByPrincipal("alice")).containsOnlyKeys(newId);
        assertThatThrownBy(() -> store.setAttribute(created.id(), "b", 1)).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void changeIdOfMissingSessionFails() {
        assertThatThrownBy(() -> store.changeId(store.generateId())).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void findByPrincipalFollowsChanges() {
        String first = store.create().id();
        String second = store.create().id();
        String third = store.create().id();
        store.setPrincipal(first, "alice");
        store.setPrincipal(second, "alice");
        store.setPrincipal(third, "bob");

        assertThat(store.findByPrincipal("alice")).containsOnlyKeys(first, second);
        assertThat(store.findByPrincipal("bob")).containsOnlyKeys(third);

        store.setPrincipal(first, null);
        store.invalidate(second);
        store.setPrincipal(third, "alice");

        assertThat(store.findByPrincipal("alice")).containsOnlyKeys(third);
        assertThat(store.findByPrincipal("bob")).isEmpty();
        assertThat(member.sessionsMap().get(third).getIndexValue()).isEqualTo("alice");
    }

    @Test
    void concurrentAttributeUpdatesAllSurvive() throws Exception {
        String id = store.create().id();
        int threads = 8;
        int updatesPerThread = 40;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "thread-" + t;
                futures.add(executor.submit(() -> {
                    for (int i = 1; i <= updatesPerThread; i++) {
                        store.setAttribute(id, name, i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }

        CairnSession session = store.find(id, false);
        assertThat(session.attributeNames()).hasSize(threads);
        for (int t = 0; t < threads; t++) {
            assertThat(session.attribute("thread-" + t, Integer.class)).as("thread-%s", t).isEqualTo(updatesPerThread);
        }
    }

    @Test
    void invalidValuesAreRejected() {
        String id = store.create().id();

        assertThatThrownBy(() -> store.setAttribute(id, "a", "nul\u0000char"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> store.setAttribute(id, "a", null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> store.setAttribute(id, "bad\u0000name", 1))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("attribute name");
        assertThatThrownBy(() -> store.setAttribute(id, "", 1)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.find("")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> new SessionUpdate().maxInactiveInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(id, false).attributeNames()).isEmpty();
    }

    @Test
    void negativeIntervalNeverExpires() {
        CairnSession session = store.create(Duration.ofSeconds(-1));

        assertThat(session.expiresAt()).isNull();
        assertThat(member.sessionsMap().get(session.id()).expiresAtMillis()).isEqualTo(StoredEntry.NO_EXPIRY);
    }

    @Test
    void listenersSeeCreatedDeletedAndExpired() {
        List<String> events = new CopyOnWriteArrayList<>();
        String registration = store.addListener(new SessionListener() {
            @Override
            public void created(String sessionId) {
                events.add("created " + sessionId);
            }

            @Override
            public void expired(String sessionId) {
                events.add("expired " + sessionId);
            }

            @Override
            public void deleted(String sessionId) {
                events.add("deleted " + sessionId);
            }
        });
        try {
            String deleted = store.create().id();
            store.setAttribute(deleted, "a", 1);
            store.invalidate(deleted);
            String expiring = store.create(Duration.ofSeconds(1)).id();
            markFlushed(expiring);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events).hasSizeGreaterThanOrEqualTo(3));
            await().atMost(Duration.ofSeconds(5)).until(() -> store.find(expiring, false) == null);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("expired " + expiring));

            assertThat(events).containsExactly("created " + deleted, "deleted " + deleted, "created " + expiring,
                    "expired " + expiring);
            assertThat(member.sessionsMap().containsKey(expiring)).isFalse();
        } finally {
            assertThat(store.removeListener(registration)).isTrue();
        }
    }

    /** Marks the session clean, as the flusher does once PostgreSQL stored it. */
    private static void markFlushed(String id) {
        long version = member.sessionsMap().get(id).version();
        member.sessionsMap().executeOnKey(id, new MarkFlushedProcessor(Map.of(id, version)));
    }

    @Test
    void findReturnsNullAfterExpiryAt() {
        CairnSession session = store.create(Duration.ofSeconds(30));

        assertThat(session.isExpired(Instant.now())).isFalse();
        assertThat(session.isExpired(session.lastAccessedTime().plusSeconds(30))).isTrue();
    }
}
