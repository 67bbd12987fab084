package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SettingsValidationTest {

    @Test
    void fiveFaultsGiveFiveProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  discovery:
                    mode: zookeeper
                    members: [127.0.0.1:5701, 127.0.0.1:5701]
                  caches:
                    products: {backup-count: 7, ttl: -5m}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.cluster-name",
                "cairn.discovery.mode",
                "cairn.discovery.members[1]",
                "cairn.caches.products.backup-count",
                "cairn.caches.products.ttl");

        String message = invalid.getMessage();
        assertThat(message).contains("cairn.cluster-name = (missing): missing");
        assertThat(message).contains("cairn.discovery.mode = 'zookeeper': unknown discovery mode");
        assertThat(message).contains("cairn.discovery.members[1] = '127.0.0.1:5701': duplicate member address");
        assertThat(message).contains("cairn.caches.products.backup-count = '7': out of range; use 0 to 6");
        assertThat(message).contains("cairn.caches.products.ttl = '-5m': negative duration");
        assertThat(message.lines().count()).isEqualTo(6);
    }

    @Test
    void blankClusterNameIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: '  '}");

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.cluster-name");
    }

    @Test
    void malformedAddressesAndPortsAreProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  discovery: {members: [127.0.0.1, "host:port", 127.0.0.1:70000, "[::1]:5701", db.internal:5701]}
                  member: {bind-address: 127.0.0.1, port: 0}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.discovery.members[0]",
                "cairn.discovery.members[1]",
                "cairn.discovery.members[2]",
                "cairn.member.port");
        assertThat(invalid.problems().get(2).fix()).contains("port out of range");
    }

    @Test
    void bindAddressMustBeSingleIp() {
        InvalidSettingsException hostname = TestYaml.parseInvalid("cairn: {cluster-name: shop, member: {bind-address: node1}}");
        InvalidSettingsException wildcard = TestYaml.parseInvalid("cairn: {cluster-name: shop, member: {bind-address: 0.0.0.0}}");

        assertThat(hostname.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.member.bind-address");
        assertThat(wildcard.problems()).extracting(SettingsProblem::fix).singleElement().asString().contains("wildcard");
    }

    @Test
    void kubernetesDnsNeedsService() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: shop, discovery: {mode: kubernetes-dns}}");

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.discovery.dns-service");
    }

    @Test
    void negativeDurationsAreProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  caches: {c: {max-idle: -1s}}
                  sessions: {max-inactive-interval: -30m}
                  write-behind: {tombstone-retention: -1m, shutdown-flush-timeout: -PT5S}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.caches.c.max-idle",
                "cairn.sessions.max-inactive-interval",
                "cairn.write-behind.tombstone-retention",
                "cairn.write-behind.shutdown-flush-timeout");
        assertThat(invalid.problems()).allSatisfy(problem -> assertThat(problem.fix()).startsWith("negative duration"));
    }

    @Test
    void cacheNamesFollowPattern() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  caches: {Products: {}, -leading: {}, ok_name-1: {}}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::value).containsExactlyInAnyOrder("'Products'", "'-leading'");
    }

    @Test
    void writeBehindAndLimitsChecked() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  write-behind: {batch-size: 500, max-dirty-entries: 100}
                  limits: {max-key-bytes: 5000, max-value-bytes: 0}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.write-behind.max-dirty-entries",
                "cairn.limits.max-key-bytes",
                "cairn.limits.max-value-bytes");
    }

    @Test
    void zeroKeyLimitIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: shop, limits: {max-key-bytes: 0}}");

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.limits.max-key-bytes");
    }

    @Test
    void shardConnectionSettingsChecked() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  shards:
                    - {name: a, jdbc-url: "jdbc:mysql://127.0.0.1/cairn", username: cairn, password: hunter2, pool-size: 0}
                    - {name: a, jdbc-url: "jdbc:postgresql://127.0.0.1/cairn", username: cairn, max-concurrent-loads: 0, max-concurrent-batches: 0}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.shards[0].jdbc-url",
                "cairn.shards[0].pool-size",
                "cairn.shards[1].name",
                "cairn.shards[1].max-concurrent-loads",
                "cairn.shards[1].max-concurrent-batches");
        assertThat(invalid.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void wrongTypesAreProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  member: {port: many}
                  caches: {c: {near-cache: sometimes}}
                  sessions: [1, 2]
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.member.port",
                "cairn.caches.c.near-cache",
                "cairn.sessions");
    }

    @Test
    void backupCountZeroWarns() {
        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop, caches: {c: {backup-count: 0}}}",
                TestYaml.NO_ENVIRONMENT);

        List<String> warnings = SettingsWarnings.find(settings);

        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("cairn.caches.c.backup-count=0"));
    }

    @Test
    void publicBindWithoutTokenWarns() {
        CairnSettings settings = SettingsLoader.parse("cairn: {cluster-name: shop, member: {bind-address: 10.1.2.3}}",
                TestYaml.NO_ENVIRONMENT);

        List<String> warnings = SettingsWarnings.find(settings);

        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("cairn.member.bind-address=10.1.2.3"));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("cairn.admin.token is not set"));
    }

    @Test
    void warningsNeverContainSecrets() {
        CairnSettings settings = SettingsLoader.parse("""
                cairn:
                  cluster-name: shop
                  member: {bind-address: 10.1.2.3}
                  admin: {token: short-token}
                  shards:
                    - {name: a, jdbc-url: "jdbc:postgresql://127.0.0.1/cairn", username: cairn, password: hunter2, statement-timeout: 0s}
                """, TestYaml.NO_ENVIRONMENT);

        List<String> warnings = SettingsWarnings.find(settings);

        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("cairn.admin.token is shorter"));
        assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("cairn.shards[0].statement-timeout=0s"));
        assertThat(String.join("\n", warnings)).doesNotContain("hunter2").doesNotContain("short-token");
    }

    @Test
    void loopbackDefaultsDoNotWarnAboutNetwork() {
        List<String> warnings = SettingsWarnings.find(SettingsLoader.defaults());

        assertThat(warnings).noneSatisfy(warning -> assertThat(warning).contains("bind-address"));
    }
}
