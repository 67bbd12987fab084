package io.cairn.config;

import java.time.Duration;
import java.util.List;

/**
 * @param mode discovery mode
 * @param members member addresses as {@code host:port}, for {@link DiscoveryMode#TCP_IP}
 * @param dnsServiceName fully qualified name of the headless service, for {@link DiscoveryMode#KUBERNETES_DNS}
 * @param dnsTimeout timeout of one DNS lookup
 */
public record DiscoverySettings(DiscoveryMode mode, List<String> members, String dnsServiceName, Duration dnsTimeout) {

    public static final DiscoveryMode DEFAULT_MODE = DiscoveryMode.TCP_IP;

    /** Three members on loopback, ports 5701 to 5703. */
    public static final List<String> DEFAULT_MEMBERS = List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");

    public static final String DEFAULT_DNS_SERVICE_NAME = null;

    public static final Duration DEFAULT_DNS_TIMEOUT = Duration.ofSeconds(5);

    /** Returns TCP-IP discovery with the default loopback member list. */
    public static DiscoverySettings defaults() {
        return new DiscoverySettings(DEFAULT_MODE, DEFAULT_MEMBERS, DEFAULT_DNS_SERVICE_NAME, DEFAULT_DNS_TIMEOUT);
    }
}
