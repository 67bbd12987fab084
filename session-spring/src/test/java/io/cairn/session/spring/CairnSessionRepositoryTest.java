package io.cairn.session.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cairn.client.CairnClient;
import io.cairn.client.CairnSession;
import io.cairn.client.CairnSessionStore;
import io.cairn.protocol.session.SessionDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class CairnSessionRepositoryTest {

    private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    record Cart(List<String> items) {
    }

    private static InJvmMember member;
    private static CairnClient client;
    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    @BeforeAll
    static void startMember() {
        member = new InJvmMember();
        client = member.connect();
    }

    @AfterAll
    static void stopMember() {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.close();
        }
    }

    private static CairnSessionRepository repository(FlushMode flushMode, SaveMode saveMode) {
        CairnSessionRepository repository = new CairnSessionRepository(client.sessions(), MAPPER);
        repository.setFlushMode(flushMode);
        repository.setSaveMode(saveMode);
        return repository;
    }

    private static SessionDocument stored(String id) {
        return SessionDocument.parse(member.sessionsMap().get(id).json());
    }

    @Test
    void saveThenFindRestoresTypes() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession session = repository.createSession();
        session.setAttribute("cart", new Cart(List.of("lamp")));
        session.setAttribute("count", 3);
        session.setAttribute("since", Instant.parse("2024-01-02T03:04:05Z"));

        assertThat(member.sessionsMap().containsKey(session.getId())).isFalse();
        repository.save(session);

        CairnSpringSession found = repository.findById(session.getId());
        assertThat(found.<Cart>getAttribute("cart")).isEqualTo(new Cart(List.of("lamp")));
        assertThat(found.<Integer>getAttribute("count")).isEqualTo(3);
        assertThat(found.<Instant>getAttribute("since")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(found.getAttributeNames()).containsExactlyInAnyOrder("cart", "count", "since");
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void immediateFlushWritesBeforeSave() {
        CairnSessionRepository repository = repository(FlushMode.IMMEDIATE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession session = repository.createSession();

        assertThat(member.sessionsMap().containsKey(session.getId())).isTrue();
        session.setAttribute("a", "x");

        assertThat(stored(session.getId()).attributes()).containsKey("a");
        session.removeAttribute("a");
        assertThat(stored(session.getId()).attributes()).doesNotContainKey("a");
    }

    @Test
    void concurrentRequestsKeepEachOthersAttributes() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession created = repository.createSession();
        repository.save(created);

        CairnSpringSession first = repository.findById(created.getId());
        CairnSpringSession second = repository.findById(created.getId());
        first.setAttribute("a", 1);
        second.setAttribute("b", 2);
        repository.save(first);
        repository.save(second);

        assertThat(stored(created.getId()).attributes()).containsOnlyKeys("a", "b");
    }

    @Test
    void onGetAttributeRewritesReadValues() {
        CairnSessionRepository setMode = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession created = setMode.createSession();
        created.setAttribute("a", 1);
        created.setAttribute("b", 1);
        setMode.save(created);

        CairnSessionRepository getMode = repository(FlushMode.ON_SAVE, SaveMode.ON_GET_ATTRIBUTE);
        CairnSpringSession reader = getMode.findById(created.getId());
        reader.getAttribute("a");
        client.sessions().setAttribute(created.getId(), "a", MAPPER.valueToTree(new Envelope(Integer.class.getName(), 5)));
        client.sessions().setAttribute(created.getId(), "b", MAPPER.valueToTree(new Envelope(Integer.class.getName(), 5)));
        getMode.save(reader);

        CairnSpringSession after = setMode.findById(created.getId());
        assertThat(after.<Integer>getAttribute("a")).as("read, so written back").isEqualTo(1);
        assertThat(after.<Integer>getAttribute("b")).as("not read, so untouched").isEqualTo(5);
    }

    @Test
    void alwaysRewritesEveryAttribute() {
        CairnSessionRepository setMode = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession created = setMode.createSession();
        created.setAttribute("a", 1);
        setMode.save(created);

        CairnSessionRepository always = repository(FlushMode.ON_SAVE, SaveMode.ALWAYS);
        CairnSpringSession request = always.findById(created.getId());
        client.sessions().setAttribute(created.getId(), "a", MAPPER.valueToTree(new Envelope(Integer.class.getName(), 5)));
        always.save(request);

        assertThat(setMode.findById(created.getId()).<Integer>getAttribute("a")).isEqualTo(1);
    }

    record Envelope(String type, Object value) {
    }

    @Test
    void principalIndexFollowsLoginAndLogout() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        String user = "user-" + System.nanoTime();
        CairnSpringSession session = repository.createSession();
        repository.save(session);
        assertThat(repository.findByPrincipalName(user)).isEmpty();

        session.setAttribute(PRINCIPAL, user);
        repository.save(session);
        assertThat(repository.findByPrincipalName(user)).containsOnlyKeys(session.getId());
        assertThat(member.sessionsMap().get(session.getId()).getIndexValue()).isEqualTo(user);

        String oldId = session.getId();
        String newId = session.changeSessionId();
        repository.save(session);
        assertThat(repository.findByPrincipalName(user)).containsOnlyKeys(newId);
        assertThat(repository.findById(oldId)).isNull();

        session.setAttribute(PRINCIPAL, user + "-renamed");
        repository.save(session);
        assertThat(repository.findByPrincipalName(user)).isEmpty();
        assertThat(repository.findByPrincipalName(user + "-renamed")).containsOnlyKeys(newId);

        session.removeAttribute(PRINCIPAL);
        repository.save(session);
        assertThat(repository.findByPrincipalName(user + "-renamed")).isEmpty();

        session.setAttribute(PRINCIPAL, user);
        repository.save(session);
        repository.deleteById(newId);
        assertThat(repository.findByPrincipalName(user)).isEmpty();
        assertThat(repository.findById(newId)).isNull();
        assertThat(repository.findByIndexNameAndIndexValue("other-index", user)).isEmpty();
    }

    @Test
    void principalFromSecurityContextAttribute() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession session = repository.createSession();
        session.setAttribute(CairnSessionRepository.SPRING_SECURITY_CONTEXT, new Context(new Authentication("dora")));
        repository.save(session);

        assertThat(repository.findByPrincipalName("dora")).containsOnlyKeys(session.getId());
    }

    /** Shape of Spring Security's context as the principal resolver reads it: authentication.name. */
    public record Context(Authentication authentication) {
        public Authentication getAuthentication() {
            return authentication;
        }
    }

    public record Authentication(String name) {
        public String getName() {
            return name;
        }
    }

    @Test
    void lastAccessAndIntervalAreSaved() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession session = repository.createSession();
        repository.save(session);

        CairnSpringSession request = repository.findById(session.getId());
        Instant later = request.getLastAccessedTime().plusSeconds(60);
        request.setLastAccessedTime(later);
        request.setMaxInactiveInterval(Duration.ofMinutes(2));
        repository.save(request);

        CairnSession stored = client.sessions().find(session.getId(), false);
        assertThat(stored.lastAccessedTime()).isEqualTo(later);
        assertThat(stored.maxInactiveInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(member.sessionsMap().get(session.getId()).expiresAtMillis()).isEqualTo(later.toEpochMilli() + 120_000);
    }

    @Test
    void saveAfterInvalidateDoesNotRevive() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession session = repository.createSession();
        repository.save(session);
        CairnSpringSession request = repository.findById(session.getId());

        repository.deleteById(session.getId());
        request.setAttribute("a", 1);
        repository.save(request);

        assertThat(repository.findById(session.getId())).isNull();
    }

    @Test
    void eightThreadsLoseNoAttribute() throws Exception {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSpringSession created = repository.createSession();
        repository.save(created);
        String id = created.getId();
        int threads = 8;
        int requestsPerThread = 25;

        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "thread-" + t;
                futures.add(executor.submit(() -> {
                    for (int i = 1; i <= requestsPerThread; i++) {
                        CairnSpringSession request = repository.findById(id);
                        request.setAttribute(name, i);
                        request.setLastAccessedTime(Instant.now());
                        repository.save(request);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }

        CairnSpringSession after = repository.findById(id);
        assertThat(after.getAttributeNames()).hasSize(threads);
        for (int t = 0; t < threads; t++) {
            assertThat(after.<Integer>getAttribute("thread-" + t)).as("thread-%s", t).isEqualTo(requestsPerThread);
        }
    }

    @Test
    void storeSeesSpringSessions() {
        CairnSessionRepository repository = repository(FlushMode.ON_SAVE, SaveMode.ON_SET_ATTRIBUTE);
        CairnSessionStore store = client.sessions();
        CairnSpringSession session = repository.createSession();
        session.setAttribute("a", "x");
        repository.save(session);

        assertThat(store.find(session.getId(), false).attributeJson("a").path("value").asText()).isEqualTo("x");
    }
}
