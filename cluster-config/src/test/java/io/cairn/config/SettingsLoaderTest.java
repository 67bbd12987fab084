package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @Test
    void defaultsDescribeLocalCluster() {
        CairnSettings settings = SettingsLoader.defaults();

        assertThat(settings.clusterName()).isEqualTo("cairn-local");
        assertThat(settings.discovery().mode()).isEqualTo(DiscoveryMode.TCP_IP);
        assertThat(settings.discovery().members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");
        assertThat(settings.member().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.member().port()).isEqualTo(5701);
        assertThat(settings.member().publicAddress()).isNull();
        assertThat(settings.caches()).containsOnlyKeys("default");
        assertThat(settings.shards()).isEmpty();
        assertThat(settings.admin().token()).isNull();
        assertThat(settings.writeBehind()).isEqualTo(WriteBehindSettings.defaults());
    }

    @Test
    void fullYamlBindsEverySetting() {
        CairnSettings settings = SettingsLoader.load(TestYaml.fullSettingsFile(), TestYaml.NO_ENVIRONMENT);

        assertThat(settings.clusterName()).isEqualTo("shop");
        assertThat(settings.discovery().members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(settings.discovery().dnsServiceName()).isNull();
        assertThat(settings.caches().keySet()).containsExactly("products", "carts");
        assertThat(settings.caches().get("products"))
                .isEqualTo(new CacheSettings("products", 1, Duration.ofMinutes(10), Duration.ZERO, 100_000, true));
        assertThat(settings.caches().get("carts"))
                .isEqualTo(new CacheSettings("carts", 2, Duration.ofHours(1), Duration.ZERO, 0, false));
        assertThat(settings.shards()).hasSize(2);
        assertThat(settings.shards().get(0).password()).isEqualTo("secret");
        assertThat(settings.shards().get(0).statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.shards().get(1).poolSize()).isEqualTo(ShardSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.shards().get(1).maxConcurrentLoads()).isEqualTo(8);
        assertThat(settings.shardMap().ranges()).containsExactly(
                new ShardMapSettings.BucketRange("shard-0", 0, 511),
                new ShardMapSettings.BucketRange("shard-1", 512, 1023));
        assertThat(settings.writeBehind().flushInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.writeBehind().shutdownFlushTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.limits()).isEqualTo(new LimitSettings(512, 1_048_576));
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(Durations.parse("200ms")).contains(Duration.ofMillis(200));
        assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("0")).contains(Duration.ZERO);
        assertThat(Durations.parse("PT1.5S")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("-5s")).contains(Duration.ofSeconds(-5));
        assertThat(Durations.parse("5 parsecs")).isEmpty();
        assertThat(Durations.parse("5")).isEmpty();
    }

    @Test
    void durationWithoutUnitIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  write-behind: {flush-interval: 200}
                """);

        assertThat(invalid.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.setting()).isEqualTo("cairn.write-behind.flush-interval"))
                .satisfies(problem -> assertThat(problem.fix()).contains("200ms"));
    }

    @Test
    void missingCachesGiveDefaultCache() {
        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop}", TestYaml.NO_ENVIRONMENT);

        assertThat(settings.caches()).containsOnlyKeys(CacheSettings.DEFAULT_NAME);
    }

    @Test
    void emptyCachesGiveNone() {
        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop, caches: {}}", TestYaml.NO_ENVIRONMENT);

        assertThat(settings.caches()).isEmpty();
    }

    @Test
    void emptyYamlWithEnvironmentIsValid() {
        CairnSettings settings = SettingsLoader.parse("", java.util.Map.of("CAIRN_CLUSTER_NAME", "from-env"));

        assertThat(settings.clusterName()).isEqualTo("from-env");
    }

    @Test
    void missingFileIsProblem(@TempDir Path directory) {
        Path missing = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> SettingsLoader.load(missing, TestYaml.NO_ENVIRONMENT))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(missing.toString())
                .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void yamlSyntaxErrorNamesLine() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn:\n  cluster-name: [shop\n");

        assertThat(invalid.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.value()).startsWith("line "));
        assertThat(invalid.getCause()).isNotNull();
    }

    @Test
    void duplicateYamlKeyIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn:\n  cluster-name: a\n  cluster-name: b\n");

        assertThat(invalid.getMessage()).contains("cluster-name");
    }

    @Test
    void missingRootKeySuggestsCairn() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairm:\n  cluster-name: shop\n");

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).contains("cairn");
        assertThat(invalid.getMessage()).contains("did you mean cairn:?");
    }

    @Test
    void effectiveRangesSplitEvenly() {
        List<ShardSettings> shards = List.of(
                ShardSettings.of("a", "jdbc:postgresql://127.0.0.1:5432/a", "cairn", null),
                ShardSettings.of("b", "jdbc:postgresql://127.0.0.1:5432/b", "cairn", null),
                ShardSettings.of("c", "jdbc:postgresql://127.0.0.1:5432/c", "cairn", null));

        List<ShardMapSettings.BucketRange> ranges = new ShardMapSettings(1, 10, List.of()).effectiveRanges(shards);

        assertThat(ranges).containsExactly(
                new ShardMapSettings.BucketRange("a", 0, 2),
                new ShardMapSettings.BucketRange("b", 3, 5),
                new ShardMapSettings.BucketRange("c", 6, 9));
    }
}
