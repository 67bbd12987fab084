package io.cairn.testkit;

import io.cairn.client.CairnClient;
import io.cairn.client.CairnClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cairn cluster on 127.0.0.1: PostgreSQL shards from embedded binaries and nodes as separate
 * JVMs, with one settings file that all nodes read.
 *
 * <p>The member list in the settings file reserves {@value #MAX_MEMBERS} member addresses, so
 * nodes can be added after start. {@link #close()} stops every node and shard that this cluster
 * started, even after failures, and a JVM shutdown hook does the same if the caller never closes.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().nodes(3).shards(2).cache("orders", 1).start();
 *      CairnClient client = cluster.clientBuilder().build()) {
 *     client.cache("orders", Order.class).put("o-1", order);
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {

    /** Member addresses reserved in the settings file, and so the most nodes a cluster can have. */
    public static final int MAX_MEMBERS = 5;

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

    private static final Duration NODE_STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration CLIENT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

    private final String clusterName;
    private final Path workDirectory;
    private final Path settingsFile;
    private final String adminToken;
    private final List<Integer> memberPorts;
    private final List<Integer> httpPorts;
    private final String classpath;
    private final String maxHeap;
    private final Duration startupTimeout;
    private final List<PostgresShard> shards = Collections.synchronizedList(new ArrayList<>());
    private final List<NodeProcess> nodes = Collections.synchronizedList(new ArrayList<>());
    private final Thread shutdownHook;

    private volatile boolean closed;

    private LocalCluster(Builder builder, Path workDirectory) {
        this.clusterName = builder.clusterName;
        this.workDirectory = workDirectory;
        this.settingsFile = workDirectory.resolve("cairn.yaml");
        this.adminToken = UUID.randomUUID().toString();
        this.classpath = builder.classpath;
        this.maxHeap = builder.maxHeap;
        this.startupTimeout = builder.startupTimeout;

        List<Integer> ports = LoopbackPorts.pick(2 * MAX_MEMBERS);
        this.memberPorts = List.copyOf(ports.subList(0, MAX_MEMBERS));
        this.httpPorts = List.copyOf(ports.subList(MAX_MEMBERS, 2 * MAX_MEMBERS));

        this.shutdownHook = new Thread(this::closeFromShutdownHook, "local-cluster-" + clusterName + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Node {@code index}, counting from 0 in the order the nodes were added. */
    public NodeProcess node(int index) {
        return nodes.get(index);
    }

    /** Returns all nodes this cluster started, alive or not, in the order they were added. */
    public List<NodeProcess> nodes() {
        synchronized (nodes) {
            return List.copyOf(nodes);
        }
    }

    /** Nodes whose JVM is running. */
    public List<NodeProcess> liveNodes() {
        return nodes().stream().filter(NodeProcess::isAlive).toList();
    }

    /** Shard {@code index} that this cluster started; external shards are not included. */
    public PostgresShard shard(int index) {
        return shards.get(index);
    }

    public List<PostgresShard> shards() {
        synchronized (shards) {
            return List.copyOf(shards);
        }
    }

    public String clusterName() {
        return clusterName;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public Path settingsFile() {
        return settingsFile;
    }

    /** Bearer token of the nodes' admin HTTP API. */
    public String adminToken() {
        return adminToken;
    }

    /** Returns all reserved member addresses as {@code 127.0.0.1:port}, including those of nodes not yet added. */
    public List<String> memberAddresses() {
        return memberPorts.stream().map(port -> LoopbackPorts.LOOPBACK + ":" + port).toList();
    }

    /**
     * Returns a client builder set to this cluster's name and member addresses, with a 30 s
     * connect timeout and a 10 s operation timeout.
     */
    public CairnClientBuilder clientBuilder() {
        return CairnClient.builder()
                .clusterName(clusterName)
                .addresses(memberAddresses())
                .connectTimeout(CLIENT_CONNECT_TIMEOUT)
                .operationTimeout(CLIENT_OPERATION_TIMEOUT);
    }

    /**
     * Starts one more node, waits until it is ready, and returns it.
     *
     * @throws IllegalStateException if all {@value #MAX_MEMBERS} member addresses are taken, or the node fails to start
     */
    public NodeProcess addNode() {
        NodeProcess node = createNode();
        node.start();
        node.awaitReady(startupTimeout);
        return node;
    }

    /** Sends SIGKILL to node {@code index} and waits for its JVM to exit. */
    public void killNode(int index) {
        node(index).kill();
    }

    /** Sends SIGTERM to node {@code index}, waits for it to exit, and returns its exit code. */
    public int stopNode(int index) {
        return node(index).stop(NODE_STOP_TIMEOUT);
    }

    /** Stops node {@code index} with SIGTERM if it runs, starts it again on the same ports, and waits until it is ready. */
    public void restartNode(int index) {
        NodeProcess node = node(index);
        node.stop(NODE_STOP_TIMEOUT);
        node.start();
        node.awaitReady(startupTimeout);
    }

    /**
     * Sends SIGTERM to every live node at once and waits for all of them to exit.
     *
     * @return exit codes by node index; -1 for a node that was not running
     */
    public List<Integer> stopAll() {
        return inParallel(nodes(), node -> node.stop(NODE_STOP_TIMEOUT));
    }

    /** Starts every node that is not running, on its own ports, and waits until all are ready. */
    public void startAll() {
        List<NodeProcess> stopped = nodes().stream().filter(node -> !node.isAlive()).toList();
        stopped.forEach(NodeProcess::start);
        inParallel(stopped, node -> {
            node.awaitReady(startupTimeout);
            return null;
        });
    }

    /**
     * Waits until every live node reports a safe cluster whose member count equals the number of
     * live nodes.
     *
     * @throws IllegalStateException on timeout, with the last health seen from each node
     */
    public void awaitClusterSafe(Duration timeout) {
        Map<Integer, String> lastSeen = new LinkedHashMap<>();
        try {
            Awaitility.await("safe cluster " + clusterName)
                    .atMost(timeout)
                    .pollInterval(HEALTH_POLL_INTERVAL)
                    .until(() -> isClusterSafe(lastSeen));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Cluster " + clusterName + " was not safe within " + timeout.toSeconds()
                    + " s; last health by node: " + lastSeen, e);
        }
    }

    /**
     * Stops every node (SIGTERM, then SIGKILL for one that does not exit in time) and then every
     * shard this cluster started, deleting the shards' data. Safe to call more than once.
     */
    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself, which finds the cluster closed.
        }
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Closing local cluster {}", clusterName);

        List<RuntimeException> failures = new ArrayList<>();
        inParallelCollecting(nodes(), failures, node -> {
            try {
                node.stop(NODE_STOP_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("Node {} did not stop after SIGTERM; sending SIGKILL", node.index(), e);
                node.kill();
            }
        });
        inParallelCollecting(shards(), failures, PostgresShard::close);

        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Closing local cluster " + clusterName
                    + " failed for " + failures.size() + " process(es); look for leftover java or postgres processes");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        log.info("Closed local cluster {}", clusterName);
    }

    private void closeFromShutdownHook() {
        if (closed) {
            return;
        }
        log.warn("Local cluster {} was not closed; stopping its nodes and shards from the JVM shutdown hook", clusterName);
        try {
            closeAll();
        } catch (RuntimeException e) {
            log.error("Failed to close local cluster {} from the shutdown hook", clusterName, e);
        }
    }

    private boolean isClusterSafe(Map<Integer, String> lastSeen) {
        List<NodeProcess> live = liveNodes();
        if (live.isEmpty()) {
            throw new IllegalStateException("No node of cluster " + clusterName + " is running");
        }

        boolean safe = true;
        for (NodeProcess node : live) {
            try {
                NodeHealth health = node.health();
                lastSeen.put(node.index(), "members=" + health.members().size() + " clusterSafe=" + health.clusterSafe()
                        + " state=" + health.clusterState());
                safe &= health.clusterSafe() && health.members().size() == live.size();
            } catch (RuntimeException e) {
                lastSeen.put(node.index(), "no health: " + e.getMessage());
                safe = false;
            }
        }
        return safe;
    }

    private NodeProcess createNode() {
        synchronized (nodes) {
            int index = nodes.size();
            if (index >= MAX_MEMBERS) {
                throw new IllegalStateException("Cluster " + clusterName + " already has " + MAX_MEMBERS
                        + " nodes, the number of member addresses reserved in " + settingsFile);
            }
            NodeProcess node = new NodeProcess(index, httpPorts.get(index), memberPorts.get(index), settingsFile,
                    workDirectory, classpath, maxHeap);
            nodes.add(node);
            return node;
        }
    }

    private void startShardsAndNodes(Builder builder) {
        List<String> shardNames = new ArrayList<>();
        for (int i = 0; i < builder.shardCount; i++) {
            shardNames.add("shard-" + i);
        }
        List<PostgresShard> started = inParallel(shardNames, name -> {
            PostgresShard shard = PostgresShard.start(name, workDirectory);
            shards.add(shard);
            return shard;
        });

        List<SettingsYaml.ShardEntry> shardEntries = new ArrayList<>();
        for (PostgresShard shard : started) {
            shardEntries.add(new SettingsYaml.ShardEntry(shard.name(), shard.jdbcUrl(), shard.username(),
                    shard.password(), builder.shardPoolSize));
        }
        for (int i = 0; i < builder.externalShards.size(); i++) {
            ExternalShard external = builder.externalShards.get(i);
            shardEntries.add(new SettingsYaml.ShardEntry("shard-" + (builder.shardCount + i), external.jdbcUrl(),
                    external.username(), external.password(), builder.shardPoolSize));
        }

        SettingsYaml.write(settingsFile, clusterName, memberAddresses(), memberPorts.get(0), builder.caches,
                shardEntries, builder.writeBehind, adminToken);
        log.info("Wrote settings of cluster {} to {}", clusterName, settingsFile);

        List<NodeProcess> created = new ArrayList<>();
        for (int i = 0; i < builder.nodeCount; i++) {
            created.add(createNode());
        }
        created.forEach(NodeProcess::start);
        inParallel(created, node -> {
            node.awaitReady(startupTimeout);
            return null;
        });
        log.info("Local cluster {} is ready: {} node(s), {} shard(s), work directory {}",
                clusterName, created.size(), shardEntries.size(), workDirectory);
    }

    /** Runs {@code action} on every item at once and returns the results in order; rethrows the first failure. */
    private static <T, R> List<R> inParallel(List<T> items, Function<T, R> action) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService executor = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(executor.submit(() -> action.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Runs {@code action} on every item at once, waits for all, and adds each failure to {@code failures}. */
    private static <T> void inParallelCollecting(List<T> items, List<RuntimeException> failures,
                                                 java.util.function.Consumer<T> action) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService executor = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(executor.submit(() -> action.accept(item)));
            }
            for (Future<?> future : futures) {
                try {
                    await(future);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        } finally {
            executor.shutdown();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a node or shard", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** A PostgreSQL database that the cluster uses as a shard but does not start or stop. */
    public record ExternalShard(String jdbcUrl, String username, String password) {
    }

    /** Settings of a {@link LocalCluster}; {@link #start()} starts it. */
    public static final class Builder {

        private static final int DEFAULT_NODES = 3;
        private static final int DEFAULT_SHARD_POOL_SIZE = 4;
        private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(3);

        private String clusterName = "cairn-local-" + UUID.randomUUID().toString().substring(0, 8);
        private int nodeCount = DEFAULT_NODES;
        private int shardCount;
        private int shardPoolSize = DEFAULT_SHARD_POOL_SIZE;
        private final List<ExternalShard> externalShards = new ArrayList<>();
        private final Map<String, Integer> caches = new LinkedHashMap<>();
        private final Map<String, String> writeBehind = new LinkedHashMap<>();
        private Path workDirectory;
        private String maxHeap = NodeProcess.DEFAULT_MAX_HEAP;
        private String classpath;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /** Hazelcast cluster name; a random {@code cairn-local-*} name by default, so clusters never join each other. */
        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /** Nodes started by {@link #start()}, 1 to {@value LocalCluster#MAX_MEMBERS}; 3 by default. */
        public Builder nodes(int nodeCount) {
            if (nodeCount < 1 || nodeCount > MAX_MEMBERS) {
                throw new IllegalArgumentException("nodes must be between 1 and " + MAX_MEMBERS + ", got " + nodeCount);
            }
            this.nodeCount = nodeCount;
            return this;
        }

        /** PostgreSQL shards to start from the embedded binaries; 0 by default, which makes the nodes memory-only. */
        public Builder shards(int shardCount) {
            if (shardCount < 0) {
                throw new IllegalArgumentException("shards must not be negative, got " + shardCount);
            }
            this.shardCount = shardCount;
            return this;
        }

        /** Adds a shard that already runs; it follows the started shards in the shard map. */
        public Builder externalShard(String jdbcUrl, String username, String password) {
            externalShards.add(new ExternalShard(jdbcUrl, username, password));
            return this;
        }

        /** Connection pool size of each shard, on each node; 4 by default. */
        public Builder shardPoolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("shardPoolSize must be at least 1, got " + poolSize);
            }
            this.shardPoolSize = poolSize;
            return this;
        }

        /** Adds a cache with the given number of synchronous backups (0 to 6). */
        public Builder cache(String name, int backupCount) {
            if (backupCount < 0 || backupCount > 6) {
                throw new IllegalArgumentException("backup count of cache " + name + " must be between 0 and 6, got "
                        + backupCount);
            }
            caches.put(Objects.requireNonNull(name, "name"), backupCount);
            return this;
        }

        /** Sets one write-behind setting by its YAML key, for example {@code flush-interval} to {@code 200ms}. */
        public Builder writeBehind(String yamlKey, String value) {
            writeBehind.put(Objects.requireNonNull(yamlKey, "yamlKey"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets write-behind settings by their YAML keys. */
        public Builder writeBehind(Map<String, String> settings) {
            settings.forEach(this::writeBehind);
            return this;
        }

        /** Directory for the settings file, logs and shard data; a new temporary directory by default. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
            return this;
        }

        /** Maximum heap of each node JVM as for {@code -Xmx}; {@value NodeProcess#DEFAULT_MAX_HEAP} by default. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = Objects.requireNonNull(maxHeap, "maxHeap");
            return this;
        }

        /** Classpath of the node JVMs; this JVM's classpath by default. */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** Sets how long to wait for a node to become ready; 3 minutes by default. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
            return this;
        }

        /**
         * Picks ports, starts the shards, writes the settings file, starts the nodes and waits
         * until every node is ready. On failure, stops whatever it started and rethrows.
         */
        public LocalCluster start() {
            Path directory = workDirectory != null ? workDirectory : createTemporaryDirectory();
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create the work directory " + directory, e);
            }

            LocalCluster cluster = new LocalCluster(this, directory);
            try {
                cluster.startShardsAndNodes(this);
                return cluster;
            } catch (RuntimeException e) {
                try {
                    cluster.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }

        private static Path createTemporaryDirectory() {
            try {
                return Files.createTempDirectory("cairn-cluster-");
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to create a temporary work directory for a local cluster", e);
            }
        }
    }
}
