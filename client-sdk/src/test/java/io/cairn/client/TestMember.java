package io.cairn.client;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.ProtocolSerializerFactory;
import io.cairn.protocol.StoredEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * One Hazelcast member on 127.0.0.1, configured the way a Cairn node configures its member, with
 * {@link InMemoryMemberServices} in place of PostgreSQL. It can stop and start again on the same
 * port to simulate a restart of the whole cluster.
 */
final class TestMember implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";

    private final String clusterName = "cairn-test-" + UUID.randomUUID();
    private final int port = freePort();
    private final InMemoryMemberServices services = new InMemoryMemberServices();

    private HazelcastInstance instance;

    /** Starts a member and publishes {@code cacheNames} in the catalog. */
    static TestMember start(String... cacheNames) {
        TestMember member = new TestMember();
        member.startInstance(cacheNames);
        return member;
    }

    /** Starts the member again on the same port, with an empty grid. */
    void restart(String... cacheNames) {
        startInstance(cacheNames);
    }

    /** Stops the member; the client sees the whole cluster go away. */
    void stop() {
        if (instance != null) {
            instance.shutdown();
            instance = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    String clusterName() {
        return clusterName;
    }

    String address() {
        return LOOPBACK + ":" + port;
    }

    InMemoryMemberServices services() {
        return services;
    }

    IMap<String, StoredEntry> cacheMap(String cacheName) {
        return instance.getMap(MapNames.cacheMap(cacheName));
    }

    IMap<String, StoredEntry> sessionsMap() {
        return instance.getMap(MapNames.SESSIONS);
    }

    CairnClientBuilder clientBuilder() {
        return CairnClient.builder().clusterName(clusterName).addresses(address());
    }

    private void startInstance(String... cacheNames) {
        instance = Hazelcast.newHazelcastInstance(memberConfig());
        IMap<String, String> catalog = instance.getMap(MapNames.CATALOG);
        for (String cacheName : cacheNames) {
            catalog.put(cacheName, cacheName);
        }
    }

    private Config memberConfig() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "23");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(address());

        config.getSerializationConfig()
                .addDataSerializableFactory(ProtocolSerializerFactory.FACTORY_ID, new ProtocolSerializerFactory());
        config.addExecutorConfig(new ExecutorConfig(LoadProcessor.EXECUTOR_NAME, 2));
        config.getUserContext().put(MemberServices.USER_CONTEXT_KEY, services);
        return config;
    }

    /** Finds a TCP port on the loopback interface that is free at the time of the call. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on " + LOOPBACK, e);
        }
    }
}
