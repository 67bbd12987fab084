package io.cairn.client;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import io.cairn.config.ClientSettings;
import io.cairn.protocol.ProtocolSerializerFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientBuilderTest {

    @Test
    void defaultsApplied() {
        ClientOptions options = CairnClient.builder().clusterName("c").addresses("127.0.0.1:5701").validate();

        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxKeyBytes()).isEqualTo(512);
        assertThat(options.maxValueBytes()).isEqualTo(1024 * 1024);
        assertThat(options.objectMapper()).isNotNull();
        assertThat(options.addresses()).containsExactly("127.0.0.1:5701");
    }

    @Test
    void everyProblemListed() {
        CairnClientBuilder builder = CairnClient.builder()
                .addresses("127.0.0.1:70000", " ", "host name:1")
                .connectTimeout(Duration.ofSeconds(-1))
                .operationTimeout(null)
                .maxKeyBytes(0)
                .maxValueBytes(-5);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertThat(error.getMessage())
                .startsWith("Invalid CairnClient settings: ")
                .contains("clusterName is missing")
                .contains("\"127.0.0.1:70000\" has an invalid port")
                .contains("an address is empty")
                .contains("\"host name:1\" contains whitespace")
                .contains("connectTimeout is PT-1S")
                .contains("operationTimeout is null")
                .contains("maxKeyBytes is 0")
                .contains("maxValueBytes is -5");
    }

    @Test
    void missingAddressesRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CairnClient.builder().clusterName("c").build());

        assertThat(error.getMessage()).contains("addresses is empty");
        assertThrows(IllegalArgumentException.class,
                () -> CairnClient.builder().clusterName("c").addresses((List<String>) null).build());
    }

    @Test
    void timeoutAboveMaximumRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CairnClient.builder().clusterName("c").addresses("127.0.0.1").operationTimeout(Duration.ofDays(2))
                        .build());

        assertThat(error.getMessage()).contains("operationTimeout is PT48H").contains("Duration.ZERO");
    }

    @Test
    void addressFormsAccepted() {
        for (String address : List.of("127.0.0.1", "127.0.0.1:5701", "node-1.example:5701", "[::1]:5701", "::1")) {
            assertThat(Addresses.problem(address)).as(address).isNull();
        }
        assertThat(Addresses.problem("[::1]:0")).contains("invalid port");
        assertThat(Addresses.problem("127.0.0.1:")).contains("invalid port");
    }

    @Test
    void invocationTimeoutRoundsUp() {
        assertThat(ClientConfigs.invocationTimeoutSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ClientConfigs.invocationTimeoutSeconds(Duration.ofMillis(2_500))).isEqualTo(3);
        assertThat(ClientConfigs.invocationTimeoutSeconds(Duration.ofSeconds(10))).isEqualTo(10);
        assertThat(ClientConfigs.invocationTimeoutSeconds(Duration.ZERO)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void clientConfigMeetsContract() {
        ClientOptions options = CairnClient.builder().clusterName("c").addresses("127.0.0.1:5701")
                .operationTimeout(Duration.ofMillis(2_500)).validate();

        ClientConfig config = ClientConfigs.build(options, new ConnectionState("cluster 'c'"));

        assertThat(config.getClusterName()).isEqualTo("c");
        assertThat(config.getNetworkConfig().getAddresses()).containsExactly("127.0.0.1:5701");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.client.invocation.timeout.seconds")).isEqualTo("3");
        assertThat(config.getNetworkConfig().isAutoDetectionEnabled()).isFalse();
        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        assertThat(strategy.getReconnectMode()).isEqualTo(ClientConnectionStrategyConfig.ReconnectMode.ON);
        assertThat(strategy.isAsyncStart()).isTrue();
        assertThat(strategy.getConnectionRetryConfig().getClusterConnectTimeoutMillis()).isEqualTo(-1L);
        assertThat(config.getSerializationConfig().getDataSerializableFactories())
                .containsKey(ProtocolSerializerFactory.FACTORY_ID);
        assertThat(config.getListenerConfigs()).hasSize(1);
    }

    @Test
    void tcpConnectTimeoutBounded() {
        assertThat(ClientConfigs.tcpConnectTimeout(Duration.ZERO)).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(ClientConfigs.tcpConnectTimeout(Duration.ofMinutes(1))).isEqualTo(ClientSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(ClientConfigs.tcpConnectTimeout(Duration.ofMillis(800))).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void unreachableClusterFailsAfterConnectTimeout() {
        long started = System.nanoTime();

        CairnUnavailableException error = assertThrows(CairnUnavailableException.class,
                () -> CairnClient.builder()
                        .clusterName("nobody")
                        .addresses(TestMember.LOOPBACK + ":" + TestMember.freePort())
                        .connectTimeout(Duration.ofMillis(1_500))
                        .build());

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(6));
        assertThat(error.getMessage()).contains("cluster 'nobody'").contains("1500 ms").contains("connectTimeout");
        assertThat(error.isRetryable()).isTrue();
    }
}
