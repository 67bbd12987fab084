package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    @Test
    void environmentWinsOverYaml() {
        Map<String, String> environment = Map.of(
                "CAIRN_CLUSTER_NAME", "from-env",
                "CAIRN_MEMBER_PORT", "5801",
                "CAIRN_MEMBER_BIND_ADDRESS", "127.0.0.2",
                "CAIRN_DISCOVERY_MEMBERS", "127.0.0.2:5801, 127.0.0.2:5802",
                "CAIRN_WRITE_BEHIND_FLUSH_INTERVAL", "1s",
                "CAIRN_LIMITS_MAX_KEY_BYTES", "256",
                "CAIRN_ADMIN_TOKEN", "a-long-admin-token-from-env",
                "CAIRN_SHARDS_0_PASSWORD", "from-env-secret",
                "CAIRN_SHARDS_1_JDBC_URL", "jdbc:postgresql://127.0.0.1:6543/other",
                "CAIRN_CACHES_PRODUCTS_TTL", "5m");

        CairnSettings settings = SettingsLoader.parse(TestYaml.fullSettings(), environment);

        assertThat(settings.clusterName()).isEqualTo("from-env");
        assertThat(settings.member().port()).isEqualTo(5801);
        assertThat(settings.member().bindAddress()).isEqualTo("127.0.0.2");
        assertThat(settings.discovery().members()).containsExactly("127.0.0.2:5801", "127.0.0.2:5802");
        assertThat(settings.writeBehind().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.writeBehind().batchSize()).isEqualTo(1000);
        assertThat(settings.limits().maxKeyBytes()).isEqualTo(256);
        assertThat(settings.admin().token()).isEqualTo("a-long-admin-token-from-env");
        assertThat(settings.shards().get(0).password()).isEqualTo("from-env-secret");
        assertThat(settings.shards().get(0).username()).isEqualTo("cairn");
        assertThat(settings.shards().get(1).jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:6543/other");
        assertThat(settings.caches().get("products").ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.caches().get("products").maxSize()).isEqualTo(100_000);
    }

    @Test
    void shardMapNotReadAsShards() {
        CairnSettings settings = SettingsLoader.parse(TestYaml.fullSettings(),
                Map.of("CAIRN_SHARD_MAP_VERSION", "2", "CAIRN_SHARD_MAP_RANGES_1_FIRST_BUCKET", "500",
                        "CAIRN_SHARD_MAP_RANGES_0_LAST_BUCKET", "499"));

        assertThat(settings.shardMap().version()).isEqualTo(2);
        assertThat(settings.shardMap().ranges().get(0).lastBucket()).isEqualTo(499);
        assertThat(settings.shardMap().ranges().get(1).firstBucket()).isEqualTo(500);
    }

    @Test
    void cacheWithHyphenMatchedByName() {
        String yaml = "cairn: {cluster-name: shop, caches: {user-profiles: {ttl: 1m}, user: {ttl: 2m}}}";

        CairnSettings settings = SettingsLoader.parse(yaml, Map.of("CAIRN_CACHES_USER_PROFILES_MAX_SIZE", "10"));

        assertThat(settings.caches().get("user-profiles").maxSize()).isEqualTo(10);
        assertThat(settings.caches().get("user").maxSize()).isZero();
    }

    @Test
    void environmentAddsCacheAndShard() {
        Map<String, String> environment = Map.of(
                "CAIRN_CACHES_ORDERS_BACKUP_COUNT", "2",
                "CAIRN_SHARDS_0_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/cairn",
                "CAIRN_SHARDS_0_USERNAME", "cairn");

        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop, caches: {}}", environment);

        assertThat(settings.caches()).containsOnlyKeys("orders");
        assertThat(settings.caches().get("orders").backupCount()).isEqualTo(2);
        assertThat(settings.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.name()).isEqualTo("shard-0");
            assertThat(shard.username()).isEqualTo("cairn");
        });
    }

    @Test
    void shardIndexGapIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: shop}",
                Map.of("CAIRN_SHARDS_3_USERNAME", "cairn"));

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("CAIRN_SHARDS_3_USERNAME");
    }

    @Test
    void invalidEnvironmentValueNamesVariable() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: shop}",
                Map.of("CAIRN_MEMBER_PORT", "99999"));

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).isEqualTo("cairn.member.port");
            assertThat(problem.fix()).contains("CAIRN_MEMBER_PORT");
        });
    }

    @Test
    void otherVariablesIgnored() {
        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop}",
                Map.of("PATH", "/usr/bin", "CAIRNISH", "x", "HZ_PHONE_HOME_ENABLED", "false"));

        assertThat(settings.clusterName()).isEqualTo("shop");
    }
}
