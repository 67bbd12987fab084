package io.cairn.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.StoredEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.awaitility.Awaitility.await;

class CacheOperationsTest {

    record Product(String sku, String name, int quantity) {
    }

    private static final String PRODUCTS = "products";
    private static final String SETTINGS = "settings";

    private static TestMember member;
    private static CairnClient client;

    private CairnCache<Product> products;

    @BeforeAll
    static void startCluster() {
        member = TestMember.start(PRODUCTS, SETTINGS);
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
        member.cacheMap(PRODUCTS).clear();
        member.cacheMap(SETTINGS).clear();
        member.services().reset();
        products = client.cache(PRODUCTS, Product.class);
    }

    @Test
    void pojoRoundTrip() {
        Product lamp = new Product("p-1", "Lamp", 3);

        products.put("p-1", lamp);

        assertThat(products.name()).isEqualTo(PRODUCTS);
        assertThat(products.get("p-1")).isEqualTo(lamp);
        assertThat(products.containsKey("p-1")).isTrue();
        assertThat(member.services().dirtyWrites()).isEqualTo(1);
        StoredEntry stored = member.cacheMap(PRODUCTS).get("p-1");
        assertThat(stored.jsonText()).isEqualTo("{\"sku\":\"p-1\",\"name\":\"Lamp\",\"quantity\":3}");
        assertThat(stored.isDirty()).isTrue();
    }

    @Test
    void putOverwritesValue() {
        products.put("p-1", new Product("p-1", "Lamp", 3));
        long firstVersion = member.cacheMap(PRODUCTS).get("p-1").version();

        products.put("p-1", new Product("p-1", "Lamp", 4));

        assertThat(products.get("p-1").quantity()).isEqualTo(4);
        assertThat(member.cacheMap(PRODUCTS).get("p-1").version()).isGreaterThan(firstVersion);
    }

    @Test
    void mapValueRoundTrip() {
        CairnCache<Map<String, Object>> settings = client.cache(SETTINGS, new TypeReference<Map<String, Object>>() { });
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("theme", "dark");
        value.put("fontSize", 14);
        value.put("tags", List.of("a", "b"));

        settings.put("user-1", value);

        assertThat(settings.get("user-1")).isEqualTo(value);
    }

    @Test
    void putAllAndGetAll() {
        Map<String, Product> entries = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            entries.put("p-" + i, new Product("p-" + i, "Item " + i, i));
        }

        products.putAll(entries);
        Map<String, Product> read = products.getAll(List.of("p-0", "p-7", "p-19", "p-7", "absent"));

        assertThat(member.cacheMap(PRODUCTS).size()).isEqualTo(20);
        assertThat(read).containsOnlyKeys("p-0", "p-7", "p-19");
        assertThat(read.get("p-7")).isEqualTo(new Product("p-7", "Item 7", 7));
        assertThat(products.getAll(List.of())).isEmpty();
    }

    @Test
    void deleteRemovesValue() {
        products.put("p-1", new Product("p-1", "Lamp", 3));

        products.delete("p-1");

        assertThat(products.get("p-1")).isNull();
        assertThat(products.containsKey("p-1")).isFalse();
        assertThat(products.getAll(List.of("p-1"))).isEmpty();
        assertThat(member.cacheMap(PRODUCTS).get("p-1").isDeleted()).isTrue();
    }

    @Test
    void deleteOfAbsentKeyLeavesTombstone() {
        products.delete("never-written");

        assertThat(member.cacheMap(PRODUCTS).get("never-written").isDeleted()).isTrue();
        assertThat(products.get("never-written")).isNull();
    }

    @Test
    void ttlExpiresValue() {
        Product lamp = new Product("p-1", "Lamp", 3);
        long writtenAt = System.currentTimeMillis();

        products.put("p-1", lamp, Duration.ofMillis(700));

        StoredEntry stored = member.cacheMap(PRODUCTS).get("p-1");
        assertThat(stored.expiresAtMillis()).isBetween(writtenAt + 700, System.currentTimeMillis() + 700);
        assertThat(products.get("p-1")).isEqualTo(lamp);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> products.get("p-1") == null);
        assertThat(System.currentTimeMillis() - writtenAt).isGreaterThanOrEqualTo(700);
        assertThat(products.containsKey("p-1")).isFalse();
        assertThat(member.services().loads()).isZero();
    }

    @Test
    void subMillisecondTtlRoundsUp() {
        products.put("p-1", new Product("p-1", "Lamp", 3), Duration.ofNanos(1));

        assertThat(member.cacheMap(PRODUCTS).get("p-1").expiresAtMillis()).isNotEqualTo(StoredEntry.NO_EXPIRY);
    }

    @Test
    void missLoadsRowThrough() {
        byte[] json = "{\"sku\":\"p-9\",\"name\":\"Desk\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
        member.services().putRow(MapNames.cacheMap(PRODUCTS), "p-9", StoredEntry.clean(json, 42L, StoredEntry.NO_EXPIRY));

        Product loaded = products.get("p-9");

        assertThat(loaded).isEqualTo(new Product("p-9", "Desk", 1));
        assertThat(member.services().loads()).isEqualTo(1);
        assertThat(member.cacheMap(PRODUCTS).get("p-9").version()).isEqualTo(42L);
        assertThat(products.get("p-9")).isEqualTo(loaded);
        assertThat(member.services().loads()).isEqualTo(1);
    }

    @Test
    void missWithoutRowReturnsNull() {
        assertThat(products.get("nowhere")).isNull();
        assertThat(products.containsKey("nowhere")).isFalse();
        assertThat(member.services().loads()).isEqualTo(2);
        assertThat(member.cacheMap(PRODUCTS).containsKey("nowhere")).isFalse();
    }

    @Test
    void getAllLoadsOnlyAbsentKeys() {
        products.put("in-memory", new Product("in-memory", "A", 1));
        products.delete("deleted");
        byte[] json = "{\"sku\":\"stored\",\"name\":\"B\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);
        member.services().putRow(MapNames.cacheMap(PRODUCTS), "stored", StoredEntry.clean(json, 7L, StoredEntry.NO_EXPIRY));
        member.services().putRow(MapNames.cacheMap(PRODUCTS), "deleted", StoredEntry.clean(json, 1L, StoredEntry.NO_EXPIRY));

        Map<String, Product> read = products.getAll(List.of("in-memory", "stored", "deleted", "missing"));

        assertThat(read).containsOnlyKeys("in-memory", "stored");
        assertThat(read.get("stored")).isEqualTo(new Product("stored", "B", 2));
        assertThat(member.services().loads()).isEqualTo(2);
    }

    @Test
    void deletedEntryIsMissWithoutLoad() {
        products.put("p-1", new Product("p-1", "Lamp", 3));
        products.delete("p-1");
        byte[] json = "{\"sku\":\"p-1\",\"name\":\"Old\",\"quantity\":0}".getBytes(StandardCharsets.UTF_8);
        member.services().putRow(MapNames.cacheMap(PRODUCTS), "p-1", StoredEntry.clean(json, 1L, StoredEntry.NO_EXPIRY));

        assertThat(products.get("p-1")).isNull();
        assertThat(member.services().loads()).isZero();
    }

    @Test
    void expiredLoadedRowIsMiss() {
        byte[] json = "{\"sku\":\"p-1\",\"name\":\"Old\",\"quantity\":0}".getBytes(StandardCharsets.UTF_8);
        long expired = System.currentTimeMillis() - 1_000;
        member.services().putRow(MapNames.cacheMap(PRODUCTS), "p-1", StoredEntry.clean(json, 1L, expired));

        assertThat(products.get("p-1")).isNull();
        assertThat(member.services().loads()).isEqualTo(1);
    }

    @Test
    void unknownCacheNamesKnownCaches() {
        assertThatThrownBy(() -> client.cache("nope", Product.class))
                .isInstanceOf(UnknownCacheException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("products")
                .hasMessageContaining("settings")
                .satisfies(e -> assertThat(((UnknownCacheException) e).knownCaches()).containsExactly(PRODUCTS, SETTINGS))
                .satisfies(e -> assertThat(((CairnException) e).isRetryable()).isFalse());
    }

    @Test
    void backpressureIsRetryable() {
        products.put("p-1", new Product("p-1", "Lamp", 3));
        member.services().rejectWrites(true);

        assertThatThrownBy(() -> products.put("p-1", new Product("p-1", "Lamp", 99)))
                .isInstanceOf(CairnBackpressureException.class)
                .hasMessageContaining("put on cache 'products' for key \"p-1\"")
                .hasMessageContaining("too many dirty entries")
                .hasMessageContaining("retry")
                .satisfies(e -> assertThat(((CairnException) e).isRetryable()).isTrue())
                .hasCauseInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> products.delete("p-1")).isInstanceOf(CairnBackpressureException.class);

        member.services().rejectWrites(false);
        assertThat(products.get("p-1").quantity()).isEqualTo(3);
    }

    @Test
    void backpressureInPutAllNamesFailedKeys() {
        member.services().rejectWrites(true);

        assertThatThrownBy(() -> products.putAll(Map.of("a", new Product("a", "A", 1), "b", new Product("b", "B", 2))))
                .isInstanceOf(CairnBackpressureException.class)
                .hasMessageContaining("wrote 0 of 2 entries")
                .hasMessageContaining("\"a\"")
                .hasMessageContaining("\"b\"");
        assertThat(member.cacheMap(PRODUCTS).size()).isZero();
    }

    @Test
    void slowLoadTimesOut() {
        CountDownLatch gate = member.services().holdLoads();
        Duration timeout = Duration.ofMillis(500);
        try (CairnClient impatient = member.clientBuilder().operationTimeout(timeout).build()) {
            CairnCache<Product> cache = impatient.cache(PRODUCTS, Product.class);
            long started = System.nanoTime();

            CairnTimeoutException error = assertThrows(CairnTimeoutException.class, () -> cache.get("stalled"));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(elapsed).isBetween(timeout, timeout.plusSeconds(2));
            assertThat(error.getMessage())
                    .contains("get on cache 'products' for key \"stalled\"")
                    .contains("timed out after the operation timeout of 500 ms")
                    .contains("raise operationTimeout");
            assertThat(error.operation()).isEqualTo("get");
            assertThat(error.cacheName()).isEqualTo(PRODUCTS);
            assertThat(error.timeout()).isEqualTo(timeout);
            assertThat(error.isRetryable()).isTrue();
            assertThat(error.getCause()).isInstanceOf(TimeoutException.class);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void closeIsIdempotent() {
        CairnClient second = member.clientBuilder().build();
        CairnCache<Product> cache = second.cache(PRODUCTS, Product.class);

        second.close();
        second.close();

        assertThatThrownBy(() -> cache.get("p-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(second.hazelcast().getLifecycleService().isRunning()).isFalse();
    }
}
