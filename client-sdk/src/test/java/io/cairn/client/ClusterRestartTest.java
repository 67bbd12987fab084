package io.cairn.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The whole cluster goes away and comes back on the same address while one client stays open:
 * calls fail fast with {@link CairnUnavailableException} during the outage, and the same client
 * and cache handle serve calls again afterwards.
 */
class ClusterRestartTest {

    private static final String CACHE = "orders";
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);

    /** Slack above the operation timeout for thread scheduling on a loaded machine. */
    private static final Duration SLACK = Duration.ofMillis(1_500);

    private static TestMember member;
    private static CairnClient client;

    @BeforeAll
    static void startCluster() {
        member = TestMember.start(CACHE);
        client = member.clientBuilder().operationTimeout(OPERATION_TIMEOUT).build();
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

    @Test
    void clientSurvivesClusterRestart() {
        CairnCache<String> orders = client.cache(CACHE, String.class);
        orders.put("o-1", "before");

        member.stop();

        assertUnavailableWithinTimeout("get", () -> orders.get("o-1"));
        assertUnavailableWithinTimeout("put", () -> orders.put("o-2", "during"));
        assertUnavailableWithinTimeout("delete", () -> orders.delete("o-1"));
        assertUnavailableWithinTimeout("getAll", () -> orders.getAll(List.of("o-1", "o-2")));
        assertUnavailableWithinTimeout("putAll", () -> orders.putAll(Map.of("o-3", "during")));
        assertUnavailableWithinTimeout("cache", () -> client.cache(CACHE, String.class));

        member.restart(CACHE);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(CairnUnavailableException.class)
                .untilAsserted(() -> orders.put("o-4", "after"));
        assertThat(orders.get("o-4")).isEqualTo("after");
        assertThat(member.cacheMap(CACHE).get("o-4").jsonText()).isEqualTo("\"after\"");
        assertThat(orders.get("o-1")).as("the restarted grid is empty and the test rows hold nothing").isNull();
        assertThat(client.cache(CACHE, String.class).get("o-4")).isEqualTo("after");
    }

    private static void assertUnavailableWithinTimeout(String operation, Runnable call) {
        long started = System.nanoTime();

        CairnUnavailableException error = assertThrows(CairnUnavailableException.class, call::run, operation);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).as(operation + " duration").isLessThan(OPERATION_TIMEOUT.plus(SLACK));
        assertThat(error.isRetryable()).isTrue();
        assertThat(error.getMessage()).as(operation + " message").contains(operation + " on cache 'orders'");
    }
}
