package io.cairn.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A node without cairn.admin.token: the admin API is off, the status page stays on. */
class AdminDisabledTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
    void noTokenDisablesAdminApi() {
        try (InJvmNode node = InJvmNode.start(directory, null, null, "200ms")) {
            for (String token : new String[] {null, "anything-at-all-here"}) {
                HttpResponse<String> response = node.get("/admin/cluster", token);

                assertThat(response.statusCode()).isEqualTo(403);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("error").asString()).isEqualTo("admin API disabled");
                assertThat(body.path("message").asString()).contains("cairn.admin.token", "CAIRN_ADMIN_TOKEN");
            }

            HttpResponse<String> drain = node.post("/admin/drain", "anything-at-all-here", null);
            assertThat(drain.statusCode()).isEqualTo(403);
            assertThat(node.bean(NodeDrain.class).isStarted()).isFalse();

            assertThat(node.get("/status/data", null).statusCode()).isEqualTo(200);
        }
    }
}
