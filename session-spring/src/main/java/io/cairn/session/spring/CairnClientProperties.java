package io.cairn.session.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code cairn.client}: the cluster that the auto-configured {@code CairnClient}
 * connects to. Only {@code members} and {@code cluster-name} are required.
 *
 * @param members member addresses as {@code host:port}, for example
 *     {@code cairn.client.members=127.0.0.1:5701,127.0.0.1:5702}
 * @param clusterName Hazelcast cluster name of the members
 * @param connectTimeout maximum wait for the first connection at start, default 30 seconds
 * @param operationTimeout maximum duration of one call, default 10 seconds
 */
@ConfigurationProperties("cairn.client")
public record CairnClientProperties(List<String> members, String clusterName, Duration connectTimeout,
        Duration operationTimeout) {

    public CairnClientProperties {
        members = members == null ? List.of() : List.copyOf(members);
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(30);
        }
        if (operationTimeout == null) {
            operationTimeout = Duration.ofSeconds(10);
        }
    }
}
