package io.cairn.node.admin;

import io.cairn.node.CairnNodeApplication;
import io.cairn.testkit.PostgresShard;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One real node (Spring Boot application with its Hazelcast member) inside the test JVM, with an
 * HTTP client for its API. The node listens on free loopback ports.
 */
final class InJvmNode implements AutoCloseable {

    static final String CACHE = "items";

    private final ConfigurableApplicationContext context;
    private final String clusterName;
    private final int memberPort;
    private final URI baseUri;

    private InJvmNode(ConfigurableApplicationContext context, String clusterName, int memberPort) {
        this.context = context;
        this.clusterName = clusterName;
        this.memberPort = memberPort;
        this.baseUri = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Starts a node that writes to {@code shard} (memory-only when null) and requires {@code token}
     * (admin API disabled when null). Scheduled flush rounds run every {@code flushInterval}.
     */
    static InJvmNode start(Path directory, PostgresShard shard, String token, String flushInterval) {
        String clusterName = "admin-test-" + UUID.randomUUID();
        int memberPort = freePort();
        StringBuilder yaml = new StringBuilder()
                .append("cairn:\n")
                .append("  cluster-name: ").append(clusterName).append('\n')
                .append("  discovery: {mode: tcp-ip, members: [127.0.0.1:").append(memberPort).append("]}\n")
                .append("  member: {bind-address: 127.0.0.1, port: ").append(memberPort).append("}\n")
                .append("  caches:\n    ").append(CACHE).append(": {backup-count: 1}\n")
                .append("  write-behind: {flush-interval: ").append(flushInterval).append("}\n");
        if (shard != null) {
            yaml.append("  shards:\n")
                    .append("    - {name: ").append(shard.name())
                    .append(", jdbc-url: \"").append(shard.jdbcUrl()).append('"')
                    .append(", username: ").append(shard.username())
                    .append(", password: \"").append(shard.password()).append("\", pool-size: 2}\n");
        }
        if (token != null) {
            yaml.append("  admin: {token: \"").append(token).append("\"}\n");
        }

        Path settings = directory.resolve("cairn-" + memberPort + ".yaml");
        try {
            Files.writeString(settings, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + settings, e);
        }

        ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnNodeApplication.class)
                .run("--cairn.config=" + settings, "--server.port=0", "--server.address=127.0.0.1");
        return new InJvmNode(context, clusterName, memberPort);
    }

    String clusterName() {
        return clusterName;
    }

    String memberAddress() {
        return "127.0.0.1:" + memberPort;
    }

    URI baseUri() {
        return baseUri;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path, String token) {
        return AdminHttp.get(baseUri, path, token);
    }

    HttpResponse<String> post(String path, String token, String jsonBody) {
        return AdminHttp.post(baseUri, path, token, jsonBody);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
