package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class UnknownSettingsTest {

    @Test
    void unknownYamlKeySuggestsClosest() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  member: {bind-adress: 127.0.0.1}
                  caches: {products: {tll: 5m}}
                  write-behnd: {}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "cairn.member.bind-adress", "cairn.caches.products.tll", "cairn.write-behnd");
        assertThat(invalid.getMessage())
                .contains("did you mean cairn.member.bind-address?")
                .contains("did you mean cairn.caches.products.ttl?")
                .contains("did you mean cairn.write-behind?");
    }

    @Test
    void unknownKeyValueNotShown() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  shards:
                    - {name: a, jdbc-url: "jdbc:postgresql://127.0.0.1/cairn", username: cairn, pasword: hunter2}
                """);

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).isEqualTo("cairn.shards[0].pasword");
            assertThat(problem.fix()).contains("did you mean cairn.shards[0].password?");
        });
        assertThat(invalid.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void unknownVariableSuggestsClosest() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(TestYaml.fullSettings(), Map.of(
                "CAIRN_MEMBER_PROT", "5701",
                "CAIRN_CACHE_PRODUCTS_TTL", "1m",
                "CAIRN_SHARDS_0_PASSWROD", "x"));

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactlyInAnyOrder(
                "CAIRN_MEMBER_PROT", "CAIRN_CACHE_PRODUCTS_TTL", "CAIRN_SHARDS_0_PASSWROD");
        assertThat(invalid.getMessage())
                .contains("did you mean CAIRN_MEMBER_PORT?")
                .contains("did you mean CAIRN_CACHES_PRODUCTS_TTL?")
                .contains("did you mean CAIRN_SHARDS_0_PASSWORD?");
    }

    @Test
    void sectionVariableIsUnknown() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("cairn: {cluster-name: shop}",
                Map.of("CAIRN_MEMBER", "127.0.0.1"));

        assertThat(invalid.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.fix()).startsWith("unknown environment variable; did you mean CAIRN_MEMBER_"));
    }

    @Test
    void kubernetesServiceLinksIgnored() {
        CairnSettings settings = SettingsLoader.parse("cairn:\n  cluster-name: shop\n", Map.of(
                "CAIRN_SERVICE_HOST", "10.0.0.1",
                "CAIRN_SERVICE_PORT", "5701",
                "CAIRN_PORT", "tcp://10.0.0.1:5701",
                "CAIRN_PORT_5701_TCP_ADDR", "10.0.0.1",
                "CAIRN_MEMBER_PORT", "5702"));

        assertThat(settings.member().port()).isEqualTo(5702);
    }
}
