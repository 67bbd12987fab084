package io.cairn.session.spring;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.cairn.client.CairnClient;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.MapNames;
import io.cairn.protocol.MemberServices;
import io.cairn.protocol.ProtocolSerializerFactory;
import io.cairn.protocol.StoredEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

/**
 * One Hazelcast member on 127.0.0.1, configured like a Cairn node's member (session map with the
 * principal index) but without PostgreSQL: its member services accept every write and load nothing.
 */
final class InJvmMember implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final String clusterName = "cairn-session-test-" + UUID.randomUUID();
    private final int port = freePort();
    private final HazelcastInstance instance;

    InJvmMember() {
        instance = Hazelcast.newHazelcastInstance(config());
    }

    IMap<String, StoredEntry> sessionsMap() {
        return instance.getMap(MapNames.SESSIONS);
    }

    CairnClient connect() {
        return CairnClient.builder().clusterName(clusterName).addresses(LOOPBACK + ":" + port)
                .operationTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void close() {
        instance.shutdown();
    }

    private Config config() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", "23");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(LOOPBACK + ":" + port);

        config.getSerializationConfig()
                .addDataSerializableFactory(ProtocolSerializerFactory.FACTORY_ID, new ProtocolSerializerFactory());
        config.addExecutorConfig(new ExecutorConfig(LoadProcessor.EXECUTOR_NAME, 2));
        config.addMapConfig(new MapConfig(MapNames.SESSIONS).setBackupCount(0)
                .addIndexConfig(new IndexConfig(IndexType.HASH, "indexValue")));
        config.getUserContext().put(MemberServices.USER_CONTEXT_KEY, new MemoryOnlyServices());
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on " + LOOPBACK, e);
        }
    }

    /** Member services of a member without shards: writes stay in memory and misses load nothing. */
    private static final class MemoryOnlyServices implements MemberServices {

        @Override
        public void checkWritable(String mapName, String key) {
        }

        @Override
        public void recordDirty(String mapName, String key, long version) {
        }

        @Override
        public long defaultTtlMillis(String mapName) {
            return 0L;
        }

        @Override
        public StoredEntry load(String mapName, String key) {
            return null;
        }
    }
}
