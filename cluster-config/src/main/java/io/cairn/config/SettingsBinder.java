package io.cairn.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the YAML tree below {@code cairn:}, environment overrides already applied, into
 * {@link CairnSettings}. Missing settings take their {@code DEFAULT_*} constant. Values of the wrong
 * type are reported to {@link Problems}; range and consistency checks are left to
 * {@link SettingsValidator}.
 */
final class SettingsBinder {

    private SettingsBinder() {
    }

    static CairnSettings bind(Map<?, ?> tree, Problems problems) {
        YamlSection root = new YamlSection(SettingPaths.ROOT, tree, problems);

        List<ShardSettings> shards = shards(root);
        return new CairnSettings(
                root.string("cluster-name", null),
                discovery(root.child("discovery"), problems),
                member(root.child("member")),
                caches(root),
                sessions(root.child("sessions")),
                shards,
                shardMap(root.child("shard-map")),
                writeBehind(root.child("write-behind")),
                limits(root.child("limits")),
                new AdminSettings(root.child("admin").secret("token", AdminSettings.DEFAULT_TOKEN)));
    }

    private static DiscoverySettings discovery(YamlSection section, Problems problems) {
        DiscoveryMode mode = DiscoverySettings.DEFAULT_MODE;
        String modeText = section.string("mode", DiscoverySettings.DEFAULT_MODE.yamlName());
        Optional<DiscoveryMode> parsed = DiscoveryMode.fromYamlName(modeText);
        if (parsed.isPresent()) {
            mode = parsed.get();
        } else {
            List<String> names = new ArrayList<>();
            for (DiscoveryMode known : DiscoveryMode.values()) {
                names.add(known.yamlName());
            }
            String closest = Suggestions.closest(String.valueOf(modeText), names).orElse(names.get(0));
            problems.add(section.pathOf("mode"), modeText,
                    "unknown discovery mode; use one of " + String.join(", ", names) + " (did you mean " + closest + "?)");
        }

        return new DiscoverySettings(
                mode,
                section.stringList("members", DiscoverySettings.DEFAULT_MEMBERS),
                section.string("dns-service", DiscoverySettings.DEFAULT_DNS_SERVICE_NAME),
                section.duration("dns-timeout", DiscoverySettings.DEFAULT_DNS_TIMEOUT));
    }

    private static MemberSettings member(YamlSection section) {
        return new MemberSettings(
                section.string("bind-address", MemberSettings.DEFAULT_BIND_ADDRESS),
                section.integer("port", MemberSettings.DEFAULT_PORT),
                section.string("public-address", MemberSettings.DEFAULT_PUBLIC_ADDRESS));
    }

    private static Map<String, CacheSettings> caches(YamlSection root) {
        Map<String, YamlSection> sections = root.namedSections("caches");
        if (sections == null) {
            return Map.of(CacheSettings.DEFAULT_NAME, CacheSettings.defaults(CacheSettings.DEFAULT_NAME));
        }

        Map<String, CacheSettings> caches = new LinkedHashMap<>();
        for (Map.Entry<String, YamlSection> entry : sections.entrySet()) {
            YamlSection section = entry.getValue();
            caches.put(entry.getKey(), new CacheSettings(
                    entry.getKey(),
                    section.integer("backup-count", CacheSettings.DEFAULT_BACKUP_COUNT),
                    section.duration("ttl", CacheSettings.DEFAULT_TTL),
                    section.duration("max-idle", CacheSettings.DEFAULT_MAX_IDLE),
                    section.integer("max-size", CacheSettings.DEFAULT_MAX_SIZE),
                    section.bool("near-cache", CacheSettings.DEFAULT_NEAR_CACHE)));
        }
        return Collections.unmodifiableMap(caches);
    }

    private static SessionSettings sessions(YamlSection section) {
        return new SessionSettings(
                section.integer("backup-count", SessionSettings.DEFAULT_BACKUP_COUNT),
                section.duration("max-inactive-interval", SessionSettings.DEFAULT_MAX_INACTIVE_INTERVAL),
                section.duration("sweep-interval", SessionSettings.DEFAULT_SWEEP_INTERVAL),
                section.integer("sweep-batch-size", SessionSettings.DEFAULT_SWEEP_BATCH_SIZE));
    }

    private static List<ShardSettings> shards(YamlSection root) {
        List<YamlSection> sections = root.sectionList("shards");
        if (sections == null) {
            return List.of();
        }

        List<ShardSettings> shards = new ArrayList<>(sections.size());
        for (int index = 0; index < sections.size(); index++) {
            YamlSection section = sections.get(index);
            shards.add(new ShardSettings(
                    section.string("name", ShardSettings.defaultName(index)),
                    section.string("jdbc-url", null),
                    section.string("username", null),
                    section.secret("password", null),
                    section.integer("pool-size", ShardSettings.DEFAULT_POOL_SIZE),
                    section.integer("max-concurrent-batches", ShardSettings.DEFAULT_MAX_CONCURRENT_BATCHES),
                    section.integer("max-rows-per-second", ShardSettings.DEFAULT_MAX_ROWS_PER_SECOND),
                    section.integer("max-concurrent-loads", ShardSettings.DEFAULT_MAX_CONCURRENT_LOADS),
                    section.duration("connect-timeout", ShardSettings.DEFAULT_CONNECT_TIMEOUT),
                    section.duration("statement-timeout", ShardSettings.DEFAULT_STATEMENT_TIMEOUT)));
        }
        return List.copyOf(shards);
    }

    private static ShardMapSettings shardMap(YamlSection section) {
        List<ShardMapSettings.BucketRange> ranges = new ArrayList<>();
        List<YamlSection> rangeSections = section.sectionList("ranges");
        if (rangeSections != null) {
            for (YamlSection range : rangeSections) {
                ranges.add(new ShardMapSettings.BucketRange(
                        range.string("shard", null),
                        range.requiredInteger("first-bucket"),
                        range.requiredInteger("last-bucket")));
            }
        }

        return new ShardMapSettings(
                section.integer("version", ShardMapSettings.DEFAULT_VERSION),
                section.integer("bucket-count", ShardMapSettings.DEFAULT_BUCKET_COUNT),
                List.copyOf(ranges));
    }

    private static WriteBehindSettings writeBehind(YamlSection section) {
        return new WriteBehindSettings(
                section.duration("flush-interval", WriteBehindSettings.DEFAULT_FLUSH_INTERVAL),
                section.integer("batch-size", WriteBehindSettings.DEFAULT_BATCH_SIZE),
                section.integer("max-dirty-entries", WriteBehindSettings.DEFAULT_MAX_DIRTY_ENTRIES),
                section.duration("retry-initial-backoff", WriteBehindSettings.DEFAULT_RETRY_INITIAL_BACKOFF),
                section.duration("retry-max-backoff", WriteBehindSettings.DEFAULT_RETRY_MAX_BACKOFF),
                section.integer("circuit-failure-threshold", WriteBehindSettings.DEFAULT_CIRCUIT_FAILURE_THRESHOLD),
                section.duration("tombstone-retention", WriteBehindSettings.DEFAULT_TOMBSTONE_RETENTION),
                section.duration("shutdown-flush-timeout", WriteBehindSettings.DEFAULT_SHUTDOWN_FLUSH_TIMEOUT));
    }

    private static LimitSettings limits(YamlSection section) {
        return new LimitSettings(
                section.integer("max-key-bytes", LimitSettings.DEFAULT_MAX_KEY_BYTES),
                section.integer("max-value-bytes", LimitSettings.DEFAULT_MAX_VALUE_BYTES));
    }
}
