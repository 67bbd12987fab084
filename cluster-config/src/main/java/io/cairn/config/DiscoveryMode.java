package io.cairn.config;

/** How members find each other. Multicast and cloud auto-detection are never used. */
public enum DiscoveryMode {
    /** A fixed list of member addresses; written {@code tcp-ip} in YAML. */
    TCP_IP,
    /** DNS lookup of a Kubernetes headless service; written {@code kubernetes-dns} in YAML. */
    KUBERNETES_DNS
}
