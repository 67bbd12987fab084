package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.ConnectionRetryConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.client.properties.ClientProperty;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;

import io.cairn.protocol.ProtocolSerializerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClientConfigTest {

    @Test
    void clientSettingsFollowMemberSettings() {
        CairnSettings settings = SettingsLoader.load(TestYaml.fullSettingsFile(), TestYaml.NO_ENVIRONMENT);

        ClientSettings client = ClientSettings.from(settings);

        assertThat(client.clusterName()).isEqualTo("shop");
        assertThat(client.memberAddresses()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(client.nearCacheMaps()).containsExactly("cache.products");
        assertThat(client.connectTimeout()).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(client.operationTimeout()).isEqualTo(ClientSettings.DEFAULT_OPERATION_TIMEOUT);
    }

    @Test
    void clientConfigReconnectsAndStaysPrivate() {
        ClientSettings client = new ClientSettings("shop", List.of("127.0.0.1:5701"), Duration.ofSeconds(3),
                Duration.ofMillis(7_500), Set.of("cache.products"));

        ClientConfig config = HazelcastConfigFactory.clientConfig(client);

        assertThat(config.getClusterName()).isEqualTo("shop");
        assertThat(config.getNetworkConfig().getAddresses()).containsExactly("127.0.0.1:5701");
        assertThat(config.getNetworkConfig().getClusterRoutingConfig().getRoutingMode()).isEqualTo(RoutingMode.ALL_MEMBERS);
        assertThat(config.getNetworkConfig().getConnectionTimeout()).isEqualTo(3_000);

        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        assertThat(strategy.getReconnectMode()).isEqualTo(ClientConnectionStrategyConfig.ReconnectMode.ON);
        assertThat(strategy.isAsyncStart()).isFalse();
        ConnectionRetryConfig retry = strategy.getConnectionRetryConfig();
        assertThat(retry.getClusterConnectTimeoutMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(retry.getInitialBackoffMillis()).isEqualTo(500);
        assertThat(retry.getMaxBackoffMillis()).isEqualTo(5_000);

        assertThat(config.getProperty(ClusterProperty.PHONE_HOME_ENABLED.getName())).isEqualTo("false");
        assertThat(config.getProperty(ClusterProperty.LOGGING_TYPE.getName())).isEqualTo("slf4j");
        assertThat(config.getProperty(ClientProperty.INVOCATION_TIMEOUT_SECONDS.getName())).isEqualTo("8");
        assertThat(config.getSerializationConfig().getDataSerializableFactories().get(ProtocolSerializerFactory.FACTORY_ID))
                .isInstanceOf(ProtocolSerializerFactory.class);

        NearCacheConfig nearCache = config.getNearCacheConfig("cache.products");
        assertThat(nearCache.getName()).isEqualTo("cache.products");
        assertThat(nearCache.isInvalidateOnChange()).isTrue();
        assertThat(nearCache.getInMemoryFormat()).isEqualTo(InMemoryFormat.BINARY);
        assertThat(nearCache.getEvictionConfig().getEvictionPolicy()).isEqualTo(EvictionPolicy.LRU);
        assertThat(nearCache.getEvictionConfig().getMaxSizePolicy()).isEqualTo(MaxSizePolicy.ENTRY_COUNT);
        assertThat(nearCache.getEvictionConfig().getSize()).isEqualTo(100_000);
        assertThat(config.getNearCacheConfigMap()).containsOnlyKeys("cache.products");
    }

    @Test
    @Timeout(120)
    void clientConnectsToMember() throws IOException {
        int port = MemberConfigTest.freeLoopbackPort();
        CairnSettings settings = SettingsLoader.parse("""
                cairn:
                  cluster-name: client-connect-test
                  discovery: {members: [127.0.0.1:%d]}
                  member: {port: %d}
                  caches: {products: {near-cache: true}}
                """.formatted(port, port), TestYaml.NO_ENVIRONMENT);
        Config memberConfig = HazelcastConfigFactory.memberConfig(settings);
        memberConfig.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "0");

        HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig);
        HazelcastInstance client = null;
        try {
            client = HazelcastClient.newHazelcastClient(HazelcastConfigFactory.clientConfig(ClientSettings.from(settings)));

            assertThat(client.getCluster().getMembers()).hasSize(1);
            client.getMap("cache.products").put("k", "v");
            assertThat(member.getMap("cache.products").get("k")).isEqualTo("v");
            assertThat(client.getMap("cache.products").get("k")).isEqualTo("v");
        } finally {
            if (client != null) {
                client.shutdown();
            }
            member.shutdown();
        }
    }
}
