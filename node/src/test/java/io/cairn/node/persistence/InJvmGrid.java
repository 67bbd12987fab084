package io.cairn.node.persistence;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.cairn.config.CairnSettings;
import io.cairn.config.HazelcastConfigFactory;
import io.cairn.config.SettingsLoader;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.WriteProcessor;
import io.cairn.testkit.PostgresShard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Real Hazelcast members inside the test JVM, each with its own {@link PersistenceService}, writing
 * to real PostgreSQL shards. Members bind 127.0.0.1 and find each other by a TCP-IP list.
 */
final class InJvmGrid implements AutoCloseable {

    static final String CACHE = "items";
    static final String MAP = MapNames.cacheMap(CACHE);

    private final String yaml;
    private final List<Integer> ports;
    private final List<Node> nodes = new ArrayList<>();

    record Node(HazelcastInstance hazelcast, PersistenceService persistence, SimpleMeterRegistry meters) {
    }

    private InJvmGrid(String yaml, List<Integer> ports) {
        this.yaml = yaml;
        this.ports = ports;
    }

    /**
     * Starts {@code memberCount} members writing to {@code shards}.
     *
     * @param writeBehindYaml flow-style YAML of the write-behind section, for example
     *     {@code {flush-interval: 100ms}}
     */
    static InJvmGrid start(int memberCount, List<PostgresShard> shards, String writeBehindYaml) {
        return start(memberCount, shards, writeBehindYaml, "{backup-count: 1}");
    }

    /** Starts members as above, with {@code cacheYaml} as the flow-style settings of the cache. */
    static InJvmGrid start(int memberCount, List<PostgresShard> shards, String writeBehindYaml, String cacheYaml) {
        List<Integer> ports = freePorts(memberCount + 1);
        String members = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(", "));
        StringBuilder yaml = new StringBuilder()
                .append("cairn:\n")
                .append("  cluster-name: test-").append(UUID.randomUUID()).append('\n')
                .append("  discovery: {mode: tcp-ip, members: [").append(members).append("]}\n")
                .append("  member: {bind-address: 127.0.0.1, port: ").append(ports.get(0)).append("}\n")
                .append("  caches:\n    ").append(CACHE).append(": ").append(cacheYaml).append('\n')
                .append("  write-behind: ").append(writeBehindYaml).append('\n');
        if (!shards.isEmpty()) {
            yaml.append("  shards:\n");
            for (PostgresShard shard : shards) {
                yaml.append("    - {name: ").append(shard.name())
                        .append(", jdbc-url: \"").append(shard.jdbcUrl()).append('"')
                        .append(", username: ").append(shard.username())
                        .append(", password: \"").append(shard.password()).append('"')
                        .append(", pool-size: 4, connect-timeout: 2s, statement-timeout: 10s}\n");
            }
        }

        InJvmGrid grid = new InJvmGrid(yaml.toString(), ports);
        for (int i = 0; i < memberCount; i++) {
            grid.startMember(i);
        }
        return grid;
    }

    /** Starts the member with index {@code i} on its reserved port and returns it. */
    Node startMember(int i) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CAIRN_MEMBER_PORT", Integer.toString(ports.get(i)));
        CairnSettings settings = SettingsLoader.parse(yaml, environment);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PersistenceService persistence = new PersistenceService(settings, meters);
        Config config = HazelcastConfigFactory.memberConfig(settings);
        config.getUserContext().put(MemberServices.USER_CONTEXT_KEY, persistence);
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        persistence.start(hazelcast);

        Node node = new Node(hazelcast, persistence, meters);
        nodes.add(node);
        return node;
    }

    List<Node> nodes() {
        return nodes;
    }

    Node anyLiveNode() {
        return nodes.stream().filter(node -> node.hazelcast().getLifecycleService().isRunning()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no member runs"));
    }

    IMap<String, StoredEntry> map() {
        return anyLiveNode().hazelcast().getMap(MAP);
    }

    void put(String key, String json) {
        map().executeOnKey(key, WriteProcessor.put(MAP, json.getBytes(StandardCharsets.UTF_8), WriteProcessor.DEFAULT_TTL));
    }

    void put(String key, String json, Duration ttl) {
        map().executeOnKey(key, WriteProcessor.put(MAP, json.getBytes(StandardCharsets.UTF_8), ttl.toMillis()));
    }

    void delete(String key) {
        map().executeOnKey(key, WriteProcessor.delete(MAP));
    }

    /** Reads like the SDK does: the entry in memory, else read-through. Returns the JSON or null. */
    String read(String key) {
        long now = System.currentTimeMillis();
        StoredEntry entry = map().get(key);
        if (entry == null) {
            entry = map().executeOnKey(key, new LoadProcessor(MAP));
        }
        return entry == null || !entry.isLive(now) ? null : entry.jsonText();
    }

    /** Returns the dirty entries in the grid, counted over owned partitions. */
    long dirtyEntries() {
        return map().values().stream().filter(StoredEntry::isDirty).count();
    }

    /** Sums a counter over all members ever started. */
    double counterTotal(String name) {
        return nodes.stream().mapToDouble(node -> node.meters().find(name).counters().stream()
                .mapToDouble(counter -> counter.count()).sum()).sum();
    }

    /** Flushes and shuts down member {@code i} gracefully, which migrates its partitions away. */
    void shutdownMember(int i) {
        Node node = nodes.get(i);
        node.persistence().flushForShutdown(Duration.ofSeconds(60));
        node.hazelcast().shutdown();
        node.persistence().close();
    }

    /** Flushes and shuts down every live member, like SIGTERM to every node. */
    void shutdownGracefully() {
        for (Node node : nodes) {
            if (node.hazelcast().getLifecycleService().isRunning()) {
                node.persistence().flushForShutdown(Duration.ofSeconds(60));
            }
        }
        for (Node node : nodes) {
            if (node.hazelcast().getLifecycleService().isRunning()) {
                node.hazelcast().shutdown();
            }
            node.persistence().close();
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.hazelcast().getLifecycleService().isRunning()) {
                node.hazelcast().getLifecycleService().terminate();
            }
            node.persistence().close();
        }
    }

    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is released either way.
                }
            }
        }
        return ports;
    }
}
