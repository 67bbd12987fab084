package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardMapValidationTest {

    private static final String SHARDS = """
            cairn:
              cluster-name: shop
              shards:
                - {name: shard-0, jdbc-url: "jdbc:postgresql://127.0.0.1:5432/a", username: cairn}
                - {name: shard-1, jdbc-url: "jdbc:postgresql://127.0.0.1:5433/b", username: cairn}
            """;

    @Test
    void contiguousRangesValid() {
        CairnSettings settings = SettingsLoader.parse(SHARDS + """
                  shard-map: {bucket-count: 8, ranges: [{shard: shard-1, first-bucket: 4, last-bucket: 7}, {shard: shard-0, first-bucket: 0, last-bucket: 3}]}
                """, TestYaml.NO_ENVIRONMENT);

        assertThat(settings.shardMap().effectiveRanges(settings.shards())).hasSize(2);
    }

    @Test
    void emptyRangesSplitOverShards() {
        CairnSettings settings = SettingsLoader.parse(SHARDS, TestYaml.NO_ENVIRONMENT);

        assertThat(settings.shardMap().effectiveRanges(settings.shards())).containsExactly(
                new ShardMapSettings.BucketRange("shard-0", 0, 511),
                new ShardMapSettings.BucketRange("shard-1", 512, 1023));
    }

    @Test
    void overlapIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 8, ranges: [{shard: shard-0, first-bucket: 0, last-bucket: 4}, {shard: shard-1, first-bucket: 4, last-bucket: 7}]}
                """);

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).isEqualTo("cairn.shard-map.ranges[1]");
            assertThat(problem.fix()).startsWith("overlaps shard-0 0-4");
        });
    }

    @Test
    void gapsAreProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 10, ranges: [{shard: shard-0, first-bucket: 1, last-bucket: 3}, {shard: shard-1, first-bucket: 5, last-bucket: 8}]}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::value)
                .containsExactly("'buckets 0-0'", "'buckets 4-4'", "'buckets 9-9'");
    }

    @Test
    void unknownShardIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 8, ranges: [{shard: shard-0, first-bucket: 0, last-bucket: 3}, {shard: shard-2, first-bucket: 4, last-bucket: 7}]}
                """);

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).isEqualTo("cairn.shard-map.ranges[1].shard");
            assertThat(problem.fix()).contains("unknown shard").contains("did you mean shard-");
        });
    }

    @Test
    void outOfRangeBucketsAreProblems() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 8, ranges: [{shard: shard-0, first-bucket: 0, last-bucket: 8}, {shard: shard-1, first-bucket: 7, last-bucket: 6}]}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly(
                "cairn.shard-map.ranges[0].last-bucket", "cairn.shard-map.ranges[1].last-bucket");
    }

    @Test
    void bucketCountBelowOneIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 0}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.shard-map.bucket-count");
    }

    @Test
    void duplicateShardNameIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid("""
                cairn:
                  cluster-name: shop
                  shards:
                    - {name: main, jdbc-url: "jdbc:postgresql://127.0.0.1:5432/a", username: cairn}
                    - {name: main, jdbc-url: "jdbc:postgresql://127.0.0.1:5433/b", username: cairn}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting).containsExactly("cairn.shards[1].name");
    }

    @Test
    void missingBucketBoundIsProblem() {
        InvalidSettingsException invalid = TestYaml.parseInvalid(SHARDS + """
                  shard-map: {bucket-count: 8, ranges: [{shard: shard-0, first-bucket: 0}]}
                """);

        assertThat(invalid.problems()).extracting(SettingsProblem::setting)
                .contains("cairn.shard-map.ranges[0].last-bucket");
    }
}
