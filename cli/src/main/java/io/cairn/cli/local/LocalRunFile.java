package io.cairn.cli.local;

import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import io.cairn.testkit.PostgresShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contents of {@code run/local.json}: where the processes of a running {@code cairn local} are,
 * so that {@code cairn status} and people can find them.
 *
 * @param clusterName Hazelcast cluster name
 * @param settingsFile settings YAML all nodes read
 * @param workDirectory directory with logs and shard data
 * @param cliPid process id of the {@code cairn local} JVM that owns the processes
 * @param startedAt when the cluster became ready
 * @param nodes the nodes
 * @param shards the PostgreSQL shards
 * @param adminToken bearer token of the nodes' admin API, read by the cairn admin commands; null in files
 *     written before the admin API existed
 */
public record LocalRunFile(
        String clusterName,
        String settingsFile,
        String workDirectory,
        long cliPid,
        String startedAt,
        List<Node> nodes,
        List<Shard> shards,
        String adminToken) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One node.
     *
     * @param index node number
     * @param pid process id of its JVM
     * @param httpPort port of its HTTP server
     * @param memberPort Hazelcast member port
     * @param httpUrl base URL of its HTTP server
     * @param memberAddress member address as {@code host:port}
     * @param logFile its standard output and error
     */
    public record Node(int index, long pid, int httpPort, int memberPort, String httpUrl, String memberAddress, String logFile) {
    }

    /**
     * One shard. The password is left out; local shards accept the Cairn role from 127.0.0.1 without one.
     *
     * @param name shard name
     * @param port PostgreSQL port
     * @param jdbcUrl JDBC URL of the Cairn database
     * @param username Cairn role
     * @param dataDirectory PostgreSQL data directory
     * @param logFile PostgreSQL server log
     */
    public record Shard(String name, int port, String jdbcUrl, String username, String dataDirectory, String logFile) {
    }

    /** Location of the file under the repository directory {@code home}. */
    public static Path path(Path home) {
        return home.resolve("run").resolve("local.json");
    }

    static LocalRunFile describe(LocalCluster cluster) {
        List<Node> nodes = cluster.nodes().stream()
                .map(LocalRunFile::describe)
                .toList();
        List<Shard> shards = cluster.shards().stream()
                .map(LocalRunFile::describe)
                .toList();
        return new LocalRunFile(cluster.clusterName(), cluster.settingsFile().toString(), cluster.workDirectory().toString(),
                ProcessHandle.current().pid(), Instant.now().toString(), nodes, shards, cluster.adminToken());
    }

    private static Node describe(NodeProcess node) {
        return new Node(node.index(), node.pid(), node.httpPort(), node.memberPort(), node.httpUri().toString(),
                node.memberAddress(), node.logFile().toString());
    }

    private static Shard describe(PostgresShard shard) {
        return new Shard(shard.name(), shard.port(), shard.jdbcUrl(), shard.username(), shard.dataDirectory().toString(),
                shard.logFile().toString());
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + System.lineSeparator());
            // The file contains the admin token, so only its owner may read it.
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    /**
     * Reads the file.
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException if it is not a valid run file
     */
    public static LocalRunFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        try {
            return JSON.readValue(text, LocalRunFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a valid run file (" + e.getOriginalMessage()
                    + "); delete it if no cairn local runs", e);
        }
    }
}
