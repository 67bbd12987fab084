package io.cairn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the Cairn settings YAML of a local cluster: loopback TCP-IP discovery, the caches, the
 * shards and any write-behind overrides. Every node reads the same file and takes its own member
 * port from {@code CAIRN_MEMBER_PORT}.
 */
final class SettingsYaml {

    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z0-9._:/-]+");

    /** Default bucket count of the shard map; fixed for the life of a deployment. */
    static final int BUCKET_COUNT = 1024;

    private SettingsYaml() {
    }

    /** Connection settings of one shard as written to the YAML. */
    record ShardEntry(String name, String jdbcUrl, String username, String password, int poolSize) {
    }

    /**
     * Writes the settings file. {@code defaultMemberPort} is the member port in the file; each node
     * overrides it with {@code CAIRN_MEMBER_PORT}.
     */
    static void write(Path file, String clusterName, List<String> memberAddresses, int defaultMemberPort,
                      Map<String, Integer> cacheBackupCounts,
                      List<ShardEntry> shards, Map<String, String> writeBehind, String adminToken) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by io.cairn.testkit.LocalCluster for a cluster on 127.0.0.1.\n");
        yaml.append("cairn:\n");
        yaml.append("  cluster-name: ").append(scalar(clusterName)).append('\n');

        yaml.append("  discovery:\n");
        yaml.append("    mode: tcp-ip\n");
        yaml.append("    members:\n");
        for (String address : memberAddresses) {
            yaml.append("      - ").append(scalar(address)).append('\n');
        }

        yaml.append("  member:\n");
        yaml.append("    bind-address: ").append(LoopbackPorts.LOOPBACK).append('\n');
        yaml.append("    port: ").append(defaultMemberPort).append('\n');

        appendCaches(yaml, cacheBackupCounts);
        appendShards(yaml, shards);

        yaml.append("  shard-map:\n");
        yaml.append("    version: 1\n");
        yaml.append("    bucket-count: ").append(BUCKET_COUNT).append('\n');

        if (!writeBehind.isEmpty()) {
            yaml.append("  write-behind:\n");
            writeBehind.forEach((key, value) ->
                    yaml.append("    ").append(key).append(": ").append(scalar(value)).append('\n'));
        }

        yaml.append("  admin:\n");
        yaml.append("    token: ").append(scalar(adminToken)).append('\n');

        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the cluster settings to " + file, e);
        }
    }

    private static void appendCaches(StringBuilder yaml, Map<String, Integer> cacheBackupCounts) {
        if (cacheBackupCounts.isEmpty()) {
            yaml.append("  caches: {}\n");
            return;
        }
        yaml.append("  caches:\n");
        cacheBackupCounts.forEach((name, backupCount) -> {
            yaml.append("    ").append(scalar(name)).append(":\n");
            yaml.append("      backup-count: ").append(backupCount).append('\n');
        });
    }

    private static void appendShards(StringBuilder yaml, List<ShardEntry> shards) {
        if (shards.isEmpty()) {
            yaml.append("  shards: []\n");
            return;
        }
        yaml.append("  shards:\n");
        for (ShardEntry shard : shards) {
            yaml.append("    - name: ").append(scalar(shard.name())).append('\n');
            yaml.append("      jdbc-url: ").append(scalar(shard.jdbcUrl())).append('\n');
            yaml.append("      username: ").append(scalar(shard.username())).append('\n');
            yaml.append("      password: ").append(quoted(shard.password())).append('\n');
            yaml.append("      pool-size: ").append(shard.poolSize()).append('\n');
        }
    }

    /** Writes simple values as they are and everything else as a double-quoted YAML string. */
    static String scalar(String value) {
        return PLAIN_SCALAR.matcher(value).matches() ? value : quoted(value);
    }

    private static String quoted(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
