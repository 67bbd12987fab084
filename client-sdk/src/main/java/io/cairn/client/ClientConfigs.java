package io.cairn.client;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.ConnectionRetryConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.SerializationConfig;
import io.cairn.config.ClientSettings;
import io.cairn.config.HazelcastConfigFactory;
import io.cairn.protocol.ProtocolSerializerFactory;

import java.time.Duration;
import java.util.Set;

/** Builds the Hazelcast {@link ClientConfig} of a {@link CairnClient}. */
final class ClientConfigs {

    /** Hazelcast property that turns off the usage report Hazelcast would send over the internet. */
    static final String PHONE_HOME_PROPERTY = "hazelcast.phone.home.enabled";

    /** Hazelcast property: seconds after which the client stops retrying an invocation. */
    static final String INVOCATION_TIMEOUT_PROPERTY = "hazelcast.client.invocation.timeout.seconds";

    /** Cluster connect timeout that makes the client retry connecting forever. */
    static final long CONNECT_FOREVER = -1L;

    private ClientConfigs() {
    }

    /**
     * Builds the complete configuration: the shared part, then the settings this client depends on
     * to bound its calls and to survive a restart of the whole cluster. The client starts
     * asynchronously, so that {@link CairnClient} can bound the wait for the first connection while
     * the cluster connect timeout stays infinite for later reconnections.
     */
    static ClientConfig build(ClientOptions options, ConnectionState connectionState) {
        ClientConfig config = sharedClientConfig(options);

        config.setProperty(PHONE_HOME_PROPERTY, "false");
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        registerProtocolFactory(config);

        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setReconnectMode(ReconnectMode.ON);
        strategy.setAsyncStart(true);
        ConnectionRetryConfig retry = strategy.getConnectionRetryConfig();
        retry.setClusterConnectTimeoutMillis(CONNECT_FOREVER);

        config.setProperty(INVOCATION_TIMEOUT_PROPERTY, Long.toString(invocationTimeoutSeconds(options.operationTimeout())));
        config.addListenerConfig(new ListenerConfig(connectionState));
        return config;
    }

    /**
     * Returns the configuration that members and clients share, from cluster-config: cluster name,
     * member addresses, serialization, reconnect strategy and phone-home off.
     */
    static ClientConfig sharedClientConfig(ClientOptions options) {
        ClientSettings settings = new ClientSettings(options.clusterName(), options.addresses(),
                tcpConnectTimeout(options.connectTimeout()), options.operationTimeout(), Set.of());
        return HazelcastConfigFactory.clientConfig(settings);
    }

    /**
     * Returns the timeout of one TCP connection attempt: the default of cluster-config, or the
     * connect timeout of the client when that is shorter. Zero would make Hazelcast wait forever
     * on one attempt, so it is never passed.
     */
    static Duration tcpConnectTimeout(Duration connectTimeout) {
        Duration attempt = ClientSettings.DEFAULT_CONNECT_TIMEOUT;
        if (connectTimeout.isZero() || connectTimeout.compareTo(attempt) >= 0) {
            return attempt;
        }
        return connectTimeout;
    }

    /** Registers the factory of Cairn's wire objects unless the shared configuration already did. */
    private static void registerProtocolFactory(ClientConfig config) {
        SerializationConfig serialization = config.getSerializationConfig();
        int factoryId = ProtocolSerializerFactory.FACTORY_ID;
        if (serialization.getDataSerializableFactories().containsKey(factoryId)
                || serialization.getDataSerializableFactoryClasses().containsKey(factoryId)) {
            return;
        }
        serialization.addDataSerializableFactory(factoryId, new ProtocolSerializerFactory());
    }

    /**
     * Returns how long Hazelcast retries one invocation, for example while the client reconnects.
     * It is the operation timeout rounded up to whole seconds, so that retries stop soon after the
     * caller gave up. With no operation timeout, retries go on until the cluster is back.
     */
    static long invocationTimeoutSeconds(Duration operationTimeout) {
        if (operationTimeout.isZero()) {
            return Integer.MAX_VALUE;
        }
        long seconds = operationTimeout.getSeconds() + (operationTimeout.getNano() > 0 ? 1 : 0);
        return Math.max(1L, seconds);
    }
}
