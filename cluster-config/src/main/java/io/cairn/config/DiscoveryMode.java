package io.cairn.config;

import java.util.Locale;
import java.util.Optional;

/** How members find each other. Multicast and cloud auto-detection are never used. */
public enum DiscoveryMode {
    /** A fixed list of member addresses; written {@code tcp-ip} in YAML. */
    TCP_IP,
    /** DNS lookup of a Kubernetes headless service; written {@code kubernetes-dns} in YAML. */
    KUBERNETES_DNS;

    /** Returns the YAML spelling, for example {@code tcp-ip}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the mode with the given YAML spelling. Case is ignored and {@code _} counts as {@code -},
     * so {@code TCP_IP} from an environment variable matches too.
     */
    public static Optional<DiscoveryMode> fromYamlName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DiscoveryMode mode : values()) {
            if (mode.yamlName().equals(normalized)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
