package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;

import io.cairn.protocol.DirtyLastEvictionComparator;
import io.cairn.protocol.LoadProcessor;
import io.cairn.protocol.ProtocolSerializerFactory;
import io.cairn.protocol.StoredEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MemberConfigTest {

    @Test
    void defaultsGiveLoopbackTcpIpMember() {
        Config config = HazelcastConfigFactory.memberConfig(SettingsLoader.defaults());

        assertLoopbackOnly(config);
        assertThat(config.getClusterName()).isEqualTo("cairn-local");
        assertThat(config.getInstanceName()).isEqualTo("cairn-5701");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");
        assertThat(config.getMapConfigs()).containsKeys("cache.default", "sessions", "cairn.catalog");
        assertThat(config.getExecutorConfig(LoadProcessor.EXECUTOR_NAME).getPoolSize())
                .isEqualTo(HazelcastConfigFactory.MIN_LOAD_EXECUTOR_POOL_SIZE);
    }

    @Test
    void yamlSettingsShapeMemberConfig() {
        CairnSettings settings = SettingsLoader.load(TestYaml.fullSettingsFile(), TestYaml.NO_ENVIRONMENT);

        Config config = HazelcastConfigFactory.memberConfig(settings);

        assertLoopbackOnly(config);
        assertThat(config.getClusterName()).isEqualTo("shop");
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(config.getProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName())).isEqualTo("false");
        assertThat(config.getProperty(ClusterProperty.LOGGING_TYPE.getName())).isEqualTo("slf4j");
        assertThat(config.getSerializationConfig().getDataSerializableFactories())
                .containsKey(ProtocolSerializerFactory.FACTORY_ID);

        MapConfig products = config.getMapConfigs().get("cache.products");
        assertThat(products.getBackupCount()).isEqualTo(1);
        assertThat(products.getAsyncBackupCount()).isZero();
        assertThat(products.getInMemoryFormat()).isEqualTo(InMemoryFormat.BINARY);
        assertThat(products.getMetadataPolicy()).isEqualTo(MetadataPolicy.OFF);
        assertThat(products.isStatisticsEnabled()).isTrue();
        assertThat(products.getTimeToLiveSeconds()).isZero();
        assertThat(products.getMaxIdleSeconds()).isZero();
        assertThat(products.getEvictionConfig().getMaxSizePolicy()).isEqualTo(MaxSizePolicy.PER_NODE);
        assertThat(products.getEvictionConfig().getSize()).isEqualTo(100_000);
        assertThat(products.getEvictionConfig().getComparatorClassName())
                .isEqualTo(DirtyLastEvictionComparator.class.getName());

        MapConfig carts = config.getMapConfigs().get("cache.carts");
        assertThat(carts.getBackupCount()).isEqualTo(2);
        assertThat(carts.getEvictionConfig().getEvictionPolicy()).isEqualTo(EvictionPolicy.NONE);

        assertThat(config.getMapConfigs().get("sessions").getBackupCount()).isEqualTo(1);
        assertThat(config.getMapConfigs().get("cairn.catalog").getBackupCount()).isEqualTo(2);
        assertThat(config.getExecutorConfig(LoadProcessor.EXECUTOR_NAME).getPoolSize()).isEqualTo(16 + 8);
    }

    @Test
    void kubernetesDnsReplacesTcpIp() {
        CairnSettings settings = SettingsLoader.parse("""
                cairn:
                  cluster-name: shop
                  discovery: {mode: kubernetes-dns, dns-service: cairn.shop.svc.cluster.local, dns-timeout: 3s}
                """, TestYaml.NO_ENVIRONMENT);

        JoinConfig join = HazelcastConfigFactory.memberConfig(settings).getNetworkConfig().getJoin();

        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("cairn.shop.svc.cluster.local");
        assertThat(join.getKubernetesConfig().getProperty("service-dns-timeout")).isEqualTo("3");
    }

    @Test
    void publicAddressSet() {
        CairnSettings settings = SettingsLoader.parse(
                "cairn: {cluster-name: shop, member: {public-address: 'node-1.example:5701'}}", TestYaml.NO_ENVIRONMENT);

        assertThat(HazelcastConfigFactory.memberConfig(settings).getNetworkConfig().getPublicAddress())
                .isEqualTo("node-1.example:5701");
    }

    @Test
    @Timeout(120)
    void memberStartsOnLoopback() throws IOException {
        int port = freeLoopbackPort();
        CairnSettings settings = SettingsLoader.parse("""
                cairn:
                  cluster-name: member-start-test
                  discovery: {members: [127.0.0.1:%d]}
                  member: {bind-address: 127.0.0.1, port: %d}
                  caches: {products: {max-size: 1000}}
                """.formatted(port, port), TestYaml.NO_ENVIRONMENT);
        Config config = HazelcastConfigFactory.memberConfig(settings);
        config.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "0");

        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            InetSocketAddress address = member.getCluster().getLocalMember().getSocketAddress();
            assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isEqualTo(port);
            assertThat(member.getCluster().getMembers()).hasSize(1);
            assertThat(member.getName()).isEqualTo("cairn-" + port);

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                assertThat(socket.isConnected()).isTrue();
            }

            Map<String, StoredEntry> products = member.getMap("cache.products");
            byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3_000; i++) {
                products.put("key-" + i, StoredEntry.clean(json, 1, StoredEntry.NO_EXPIRY));
            }
            assertThat(products.size()).isBetween(1, 1000);
        } finally {
            member.shutdown();
        }
        assertThat(member.getLifecycleService().isRunning()).isFalse();
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertLoopbackOnly(Config config) {
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(config.getProperty(ClusterProperty.PHONE_HOME_ENABLED.getName())).isEqualTo("false");
        assertThat(config.getProperty(ClusterProperty.SOCKET_BIND_ANY.getName())).isEqualTo("false");
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    }
}
