package io.cairn.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.config.CairnSettings;
import io.cairn.config.SettingsLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    @Test
    void matchesOnlyTheSameToken() {
        AdminToken token = AdminToken.of("s3cret-token-with-length");

        assertThat(token.matches("s3cret-token-with-length")).isTrue();
        assertThat(token.matches("s3cret-token-with-lengtH")).isFalse();
        assertThat(token.matches("s3cret")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void blankTokenDisables() {
        assertThat(AdminToken.of(null)).isNull();
        assertThat(AdminToken.of("")).isNull();
        assertThat(AdminToken.of("   ")).isNull();
    }

    @Test
    void environmentSetsToken() {
        CairnSettings settings = SettingsLoader.parse("cairn:\n  cluster-name: env-test\n",
                Map.of("CAIRN_ADMIN_TOKEN", "from-the-environment-123"));

        assertThat(settings.admin().token()).isEqualTo("from-the-environment-123");
    }

    @Test
    void noDefaultToken() {
        CairnSettings settings = SettingsLoader.parse("cairn:\n  cluster-name: default-test\n", Map.of());

        assertThat(settings.admin().token()).isNull();
    }
}
