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
}
