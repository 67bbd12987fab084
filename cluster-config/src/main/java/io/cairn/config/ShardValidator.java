package io.cairn.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the PostgreSQL shards and the shard map: connection settings and limits of each shard,
 * unique names, and bucket ranges that name known shards and cover every bucket exactly once.
 */
final class ShardValidator {

    private static final String RANGES = SettingPaths.ROOT + ".shard-map.ranges";

    private ShardValidator() {
    }

    static void validate(List<ShardSettings> shards, ShardMapSettings shardMap, Problems problems) {
        Set<String> names = new LinkedHashSet<>();
        for (int index = 0; index < shards.size(); index++) {
            ShardSettings shard = shards.get(index);
            shard(index, shard, problems);
            if (shard.name() != null && !shard.name().isBlank() && !names.add(shard.name())) {
                problems.add(SettingPaths.shard(index, "name"), shard.name(),
                        "duplicate shard name; give each shard its own name");
            }
        }

        shardMap(shardMap, names, shards, problems);
    }

    private static void shard(int index, ShardSettings shard, Problems problems) {
        if (shard.name() == null || shard.name().isBlank()) {
            problems.add(SettingPaths.shard(index, "name"), shard.name(), "missing; name the shard, for example shard-"
                    + index);
        } else if (!CacheSettings.NAME_PATTERN.matcher(shard.name()).matches()) {
            problems.add(SettingPaths.shard(index, "name"), shard.name(), "invalid shard name; use 1 to 63 characters "
                    + "of a-z, 0-9, _ and -, starting with a letter or digit");
        }

        String url = shard.jdbcUrl();
        if (url == null || !url.startsWith(ShardSettings.JDBC_URL_PREFIX)) {
            problems.add(SettingPaths.shard(index, "jdbc-url"), url, "must start with " + ShardSettings.JDBC_URL_PREFIX
                    + ", for example jdbc:postgresql://127.0.0.1:5432/cairn");
        }
        if (shard.username() == null || shard.username().isBlank()) {
            problems.add(SettingPaths.shard(index, "username"), shard.username(), "missing; set the database user");
        }

        atLeastOne(SettingPaths.shard(index, "pool-size"), shard.poolSize(), problems);
        atLeastOne(SettingPaths.shard(index, "max-concurrent-batches"), shard.maxConcurrentBatches(), problems);
        atLeastOne(SettingPaths.shard(index, "max-concurrent-loads"), shard.maxConcurrentLoads(), problems);
        if (shard.maxRowsPerSecond() < 0) {
            problems.add(SettingPaths.shard(index, "max-rows-per-second"), shard.maxRowsPerSecond(),
                    "must be at least 0; use 0 for no limit");
        }
        SettingsValidator.durationAtLeast(problems, SettingPaths.shard(index, "connect-timeout"), shard.connectTimeout(),
                Duration.ofMillis(1));
        SettingsValidator.durationAtLeast(problems, SettingPaths.shard(index, "statement-timeout"),
                shard.statementTimeout(), Duration.ZERO);
    }

    private static void shardMap(ShardMapSettings shardMap, Set<String> shardNames, List<ShardSettings> shards,
            Problems problems) {
        if (shardMap.version() < 1) {
            problems.add(SettingPaths.of("shard-map", "version"), shardMap.version(), "must be at least 1");
        }
        if (shardMap.bucketCount() < 1) {
            problems.add(SettingPaths.of("shard-map", "bucket-count"), shardMap.bucketCount(),
                    "must be at least 1; use a fixed count such as " + ShardMapSettings.DEFAULT_BUCKET_COUNT);
            return;
        }

        if (shardMap.ranges().isEmpty()) {
            if (shards.size() > shardMap.bucketCount()) {
                problems.add(SettingPaths.of("shard-map", "bucket-count"), shardMap.bucketCount(),
                        "fewer buckets than the " + shards.size() + " shards; raise bucket-count");
            }
            return;
        }

        List<IndexedRange> valid = new ArrayList<>();
        for (int index = 0; index < shardMap.ranges().size(); index++) {
            ShardMapSettings.BucketRange range = shardMap.ranges().get(index);
            if (range(index, range, shardMap.bucketCount(), shardNames, problems)) {
                valid.add(new IndexedRange(index, range));
            }
        }
        coverage(valid, shardMap.bucketCount(), problems);
    }

    /** Checks one range on its own and returns whether its bounds are usable for the coverage check. */
    private static boolean range(int index, ShardMapSettings.BucketRange range, int bucketCount, Set<String> shardNames,
            Problems problems) {
        String path = SettingPaths.element(RANGES, index);
        if (range.shard() == null || !shardNames.contains(range.shard())) {
            String fix = shardNames.isEmpty()
                    ? "unknown shard; no shards are configured, so add it under cairn.shards"
                    : "unknown shard; use one of " + String.join(", ", shardNames)
                            + Suggestions.closest(String.valueOf(range.shard()), shardNames)
                                    .map(match -> " (did you mean " + match + "?)").orElse("");
            problems.add(path + ".shard", range.shard(), fix);
        }

        int last = bucketCount - 1;
        if (range.firstBucket() < 0 || range.firstBucket() > last) {
            problems.add(path + ".first-bucket", range.firstBucket(), "out of range; use 0 to " + last);
            return false;
        }
        if (range.lastBucket() < 0 || range.lastBucket() > last) {
            problems.add(path + ".last-bucket", range.lastBucket(), "out of range; use 0 to " + last);
            return false;
        }
        if (range.lastBucket() < range.firstBucket()) {
            problems.add(path + ".last-bucket", range.lastBucket(), "lower than first-bucket " + range.firstBucket()
                    + "; a range runs from first-bucket to last-bucket inclusive");
            return false;
        }
        return true;
    }

    /** Reports overlaps between ranges and buckets that no range covers. */
    private static void coverage(List<IndexedRange> ranges, int bucketCount, Problems problems) {
        List<IndexedRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt((IndexedRange indexed) -> indexed.range().firstBucket())
                .thenComparingInt(indexed -> indexed.range().lastBucket()));

        int nextUncovered = 0;
        IndexedRange previous = null;
        for (IndexedRange current : sorted) {
            int first = current.range().firstBucket();
            if (previous != null && first <= previous.range().lastBucket()) {
                problems.add(SettingPaths.element(RANGES, current.index()), describe(current.range()),
                        "overlaps " + describe(previous.range()) + "; each bucket belongs to exactly one shard");
            } else if (first > nextUncovered) {
                problems.add(RANGES, "buckets " + nextUncovered + "-" + (first - 1),
                        "not covered by any range; extend a range or add one for these buckets");
            }
            nextUncovered = Math.max(nextUncovered, current.range().lastBucket() + 1);
            if (previous == null || current.range().lastBucket() > previous.range().lastBucket()) {
                previous = current;
            }
        }

        if (!ranges.isEmpty() && nextUncovered < bucketCount) {
            problems.add(RANGES, "buckets " + nextUncovered + "-" + (bucketCount - 1),
                    "not covered by any range; extend a range or add one for these buckets");
        }
    }

    private static void atLeastOne(String path, int value, Problems problems) {
        if (value < 1) {
            problems.add(path, value, "must be at least 1");
        }
    }

    private static String describe(ShardMapSettings.BucketRange range) {
        return range.shard() + " " + range.firstBucket() + "-" + range.lastBucket();
    }

    private record IndexedRange(int index, ShardMapSettings.BucketRange range) {
    }
}
