package io.cairn.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The YAML keys of Cairn settings, as a tree below the root key {@code cairn}. Unknown-key checks and the
 * mapping of environment variables to settings both read it, so the two cannot disagree.
 */
final class SettingsSchema {

    static final String ROOT_KEY = "cairn";

    /** A node of the key tree. */
    sealed interface Node permits Value, Section, ListOf, NamedSections {
    }

    /**
     * A single setting.
     *
     * @param list true when the setting is a list of strings, written comma separated in an environment variable
     * @param secret true for passwords and tokens, whose values are never shown
     */
    record Value(boolean list, boolean secret) implements Node {
    }

    /** A map with fixed keys. */
    record Section(Map<String, Node> fields) implements Node {
    }

    /** A list of sections, addressed by index in environment variables. */
    record ListOf(Section element) implements Node {
    }

    /** A map from user-chosen names to sections, addressed by name in environment variables. */
    record NamedSections(Section element) implements Node {
    }

    static final Section ROOT = section(
            "cluster-name", value(),
            "discovery", section(
                    "mode", value(),
                    "members", new Value(true, false),
                    "dns-service", value(),
                    "dns-timeout", value()),
            "member", section(
                    "bind-address", value(),
                    "port", value(),
                    "public-address", value()),
            "caches", new NamedSections(section(
                    "backup-count", value(),
                    "ttl", value(),
                    "max-idle", value(),
                    "max-size", value(),
                    "near-cache", value())),
            "sessions", section(
                    "backup-count", value(),
                    "max-inactive-interval", value(),
                    "sweep-interval", value(),
                    "sweep-batch-size", value()),
            "shards", new ListOf(section(
                    "name", value(),
                    "jdbc-url", value(),
                    "username", value(),
                    "password", new Value(false, true),
                    "pool-size", value(),
                    "max-concurrent-batches", value(),
                    "max-rows-per-second", value(),
                    "max-concurrent-loads", value(),
                    "connect-timeout", value(),
                    "statement-timeout", value())),
            "shard-map", section(
                    "version", value(),
                    "bucket-count", value(),
                    "ranges", new ListOf(section(
                            "shard", value(),
                            "first-bucket", value(),
                            "last-bucket", value()))),
            "write-behind", section(
                    "flush-interval", value(),
                    "batch-size", value(),
                    "max-dirty-entries", value(),
                    "retry-initial-backoff", value(),
                    "retry-max-backoff", value(),
                    "circuit-failure-threshold", value(),
                    "tombstone-retention", value(),
                    "shutdown-flush-timeout", value()),
            "limits", section(
                    "max-key-bytes", value(),
                    "max-value-bytes", value()),
            "admin", section(
                    "token", new Value(false, true)));

    private SettingsSchema() {
    }

    private static Value value() {
        return new Value(false, false);
    }

    private static Section section(Object... keysAndNodes) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndNodes.length; i += 2) {
            fields.put((String) keysAndNodes[i], (Node) keysAndNodes[i + 1]);
        }
        return new Section(Collections.unmodifiableMap(fields));
    }
}
