package io.cairn.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks ranges and consistency of bound settings and reports each fault once to {@link Problems}.
 * Shards and the shard map are checked by {@link ShardValidator}.
 */
final class SettingsValidator {

    private final Problems problems;

    private SettingsValidator(Problems problems) {
        this.problems = problems;
    }

    static void validate(CairnSettings settings, Problems problems) {
        SettingsValidator validator = new SettingsValidator(problems);
        validator.clusterName(settings.clusterName());
        validator.discovery(settings.discovery());
        validator.member(settings.member());
        validator.caches(settings.caches());
        validator.sessions(settings.sessions());
        ShardValidator.validate(settings.shards(), settings.shardMap(), problems);
        validator.writeBehind(settings.writeBehind());
        validator.limits(settings.limits());
    }

    private void clusterName(String clusterName) {
        if (clusterName == null || clusterName.isBlank()) {
            problems.add(SettingPaths.child(SettingPaths.ROOT, "cluster-name"), clusterName,
                    "missing; name the cluster, for example cluster-name: shop, or set CAIRN_CLUSTER_NAME");
        }
    }

    private void discovery(DiscoverySettings discovery) {
        durationAtLeast(SettingPaths.of("discovery", "dns-timeout"), discovery.dnsTimeout(), Duration.ofMillis(1));

        if (discovery.mode() == DiscoveryMode.KUBERNETES_DNS) {
            if (discovery.dnsServiceName() == null || discovery.dnsServiceName().isBlank()) {
                problems.add(SettingPaths.of("discovery", "dns-service"), discovery.dnsServiceName(),
                        "missing; kubernetes-dns discovery needs the headless service name, for example "
                                + "cairn.default.svc.cluster.local");
            }
            return;
        }

        List<String> members = discovery.members();
        if (members.isEmpty()) {
            problems.add(SettingPaths.of("discovery", "members"), "[]",
                    "tcp-ip discovery needs at least one member address as host:port, for example 127.0.0.1:5701");
            return;
        }

        Set<String> seen = new HashSet<>();
        for (int index = 0; index < members.size(); index++) {
            String member = members.get(index);
            String path = SettingPaths.element(SettingPaths.of("discovery", "members"), index);
            Optional<Addresses.HostPort> parsed = Addresses.parseHostPort(member);
            if (parsed.isEmpty()) {
                problems.add(path, member, "malformed address; write host:port, for example 127.0.0.1:5701");
                continue;
            }
            if (!Addresses.isPortInRange(parsed.get().port())) {
                problems.add(path, member, "port out of range; use a port from " + Addresses.MIN_PORT + " to "
                        + Addresses.MAX_PORT);
                continue;
            }
            // NOTE: duplicates are found by text only, because validation does no DNS lookups, so
            // localhost:5701 and 127.0.0.1:5701 both pass.
            String normalized = parsed.get().host().toLowerCase(Locale.ROOT) + ":" + parsed.get().port();
            if (!seen.add(normalized)) {
                problems.add(path, member, "duplicate member address; list each member once");
            }
        }
    }

    private void member(MemberSettings member) {
        String bindPath = SettingPaths.of("member", "bind-address");
        String bind = member.bindAddress();
        if (bind == null || bind.isBlank()) {
            problems.add(bindPath, bind, "missing; set the IP address of the interface to listen on, for example 127.0.0.1");
        } else if (!Addresses.isIpLiteral(bind)) {
            problems.add(bindPath, bind, "not an IP address; Hazelcast matches interfaces by IP, so write one, "
                    + "for example 127.0.0.1 or 10.0.0.5");
        } else if (Addresses.isWildcard(bind)) {
            problems.add(bindPath, bind, "wildcard address; a member binds one interface, so name its IP address");
        }

        if (!Addresses.isPortInRange(member.port())) {
            problems.add(SettingPaths.of("member", "port"), member.port(),
                    "port out of range; use a port from " + Addresses.MIN_PORT + " to " + Addresses.MAX_PORT);
        }

        String publicAddress = member.publicAddress();
        if (publicAddress != null && !Addresses.isHost(publicAddress)
                && Addresses.parseHostPort(publicAddress).filter(hostPort -> Addresses.isPortInRange(hostPort.port()))
                        .isEmpty()) {
            problems.add(SettingPaths.of("member", "public-address"), publicAddress,
                    "malformed address; write host or host:port, or null to use the bind address");
        }
    }

    private void caches(Map<String, CacheSettings> caches) {
        for (CacheSettings cache : caches.values()) {
            String name = cache.name();
            if (name == null || !CacheSettings.NAME_PATTERN.matcher(name).matches()) {
                problems.add(SettingPaths.ROOT + ".caches." + name, name, "invalid cache name; use 1 to 63 characters "
                        + "of a-z, 0-9, _ and -, starting with a letter or digit");
            }
            backupCount(SettingPaths.cache(name, "backup-count"), cache.backupCount());
            durationAtLeast(SettingPaths.cache(name, "ttl"), cache.ttl(), Duration.ZERO);
            durationAtLeast(SettingPaths.cache(name, "max-idle"), cache.maxIdle(), Duration.ZERO);
            atLeast(SettingPaths.cache(name, "max-size"), cache.maxSize(), 0, "use 0 for no limit");
        }
    }

    private void sessions(SessionSettings sessions) {
        backupCount(SettingPaths.of("sessions", "backup-count"), sessions.backupCount());
        durationAtLeast(SettingPaths.of("sessions", "max-inactive-interval"), sessions.maxInactiveInterval(),
                Duration.ofSeconds(1));
        durationAtLeast(SettingPaths.of("sessions", "sweep-interval"), sessions.sweepInterval(), Duration.ofSeconds(1));
        atLeast(SettingPaths.of("sessions", "sweep-batch-size"), sessions.sweepBatchSize(), 1, "");
    }

    private void writeBehind(WriteBehindSettings writeBehind) {
        durationAtLeast(SettingPaths.of("write-behind", "flush-interval"), writeBehind.flushInterval(), Duration.ofMillis(1));
        atLeast(SettingPaths.of("write-behind", "batch-size"), writeBehind.batchSize(), 1, "");
        if (writeBehind.batchSize() >= 1 && writeBehind.maxDirtyEntries() < writeBehind.batchSize()) {
            problems.add(SettingPaths.of("write-behind", "max-dirty-entries"), writeBehind.maxDirtyEntries(),
                    "lower than write-behind.batch-size " + writeBehind.batchSize()
                            + "; raise it to at least the batch size so that a full batch can form");
        }

        String initialPath = SettingPaths.of("write-behind", "retry-initial-backoff");
        String maxPath = SettingPaths.of("write-behind", "retry-max-backoff");
        boolean initialValid = durationAtLeast(initialPath, writeBehind.retryInitialBackoff(), Duration.ofMillis(1));
        boolean maxValid = durationAtLeast(maxPath, writeBehind.retryMaxBackoff(), Duration.ofMillis(1));
        if (initialValid && maxValid && writeBehind.retryMaxBackoff().compareTo(writeBehind.retryInitialBackoff()) < 0) {
            problems.add(maxPath, Durations.format(writeBehind.retryMaxBackoff()),
                    "shorter than retry-initial-backoff " + Durations.format(writeBehind.retryInitialBackoff())
                            + "; set it to at least the initial backoff");
        }

        atLeast(SettingPaths.of("write-behind", "circuit-failure-threshold"), writeBehind.circuitFailureThreshold(), 1, "");
        durationAtLeast(SettingPaths.of("write-behind", "tombstone-retention"), writeBehind.tombstoneRetention(),
                Duration.ZERO);
        durationAtLeast(SettingPaths.of("write-behind", "shutdown-flush-timeout"), writeBehind.shutdownFlushTimeout(),
                Duration.ZERO);
    }

    private void limits(LimitSettings limits) {
        String keyPath = SettingPaths.of("limits", "max-key-bytes");
        if (atLeast(keyPath, limits.maxKeyBytes(), 1, "") && limits.maxKeyBytes() > LimitSettings.MAX_KEY_BYTES_LIMIT) {
            problems.add(keyPath, limits.maxKeyBytes(), "above " + LimitSettings.MAX_KEY_BYTES_LIMIT
                    + "; keys are PostgreSQL primary keys, so use at most " + LimitSettings.MAX_KEY_BYTES_LIMIT);
        }
        atLeast(SettingPaths.of("limits", "max-value-bytes"), limits.maxValueBytes(), 1, "");
    }

    private void backupCount(String path, int backupCount) {
        if (backupCount < 0 || backupCount > CacheSettings.MAX_BACKUP_COUNT) {
            problems.add(path, backupCount, "out of range; use 0 to " + CacheSettings.MAX_BACKUP_COUNT
                    + ", and at least 1 to survive the death of a member");
        }
    }

    /** Reports {@code value < minimum} and returns whether the value passed. */
    private boolean atLeast(String path, int value, int minimum, String hint) {
        if (value >= minimum) {
            return true;
        }
        problems.add(path, value, "must be at least " + minimum + (hint.isEmpty() ? "" : "; " + hint));
        return false;
    }

    private boolean durationAtLeast(String path, Duration value, Duration minimum) {
        return durationAtLeast(problems, path, value, minimum);
    }

    /** Reports a duration below {@code minimum} and returns whether the value passed. */
    static boolean durationAtLeast(Problems problems, String path, Duration value, Duration minimum) {
        if (value.compareTo(minimum) >= 0) {
            return true;
        }
        String fix = (value.isNegative() ? "negative duration" : "too short") + "; use at least "
                + Durations.format(minimum);
        problems.add(path, Durations.format(value), fix);
        return false;
    }
}
