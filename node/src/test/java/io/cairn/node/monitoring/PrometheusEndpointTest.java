package io.cairn.node.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnClient;
import io.cairn.testkit.LocalCluster;
import io.cairn.testkit.NodeProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three node JVMs with one PostgreSQL shard and one cache: every node's {@code /actuator/prometheus}
 * passes {@code promtool check metrics}, carries the Cairn and Hazelcast families with their
 * {@code map}, {@code shard} and {@code member} labels, and a real Prometheus scrapes all three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PrometheusEndpointTest {

    private static final String CACHE = "products";
    private static final String CACHE_MAP = "cache." + CACHE;
    private static final String SHARD = "shard-0";
    private static final int WRITES = 200;
    private static final int READS = 50;
    private static final int MISSES = 10;
    private static final int NODES = 3;
    private static final String NODE_HEAP = "384m";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(3);
    private static final int LEAVING_NODE = 2;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private static final int LINT_PROBLEMS_EXIT_CODE = 3;
    private static final Pattern LINT_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HTTP_TIMEOUT)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A JSON value with a name and a number. */
    public record Product(String name, int stock) {
    }

    @TempDir
    static Path workDirectory;

    private LocalCluster cluster;

    @BeforeAll
    void startClusterAndWrite() throws IOException {
        cluster = LocalCluster.builder()
                .nodes(NODES)
                .shards(1)
                .cache(CACHE, 1)
                .maxHeap(NODE_HEAP)
                .startupTimeout(STARTUP_TIMEOUT)
                .workDirectory(Files.createDirectories(workDirectory.resolve("cluster")))
                .start();

        try (CairnClient client = cluster.clientBuilder().build()) {
            CairnCache<Product> products = client.cache(CACHE, Product.class);
            for (int i = 0; i < WRITES; i++) {
                products.put("product-" + i, new Product("product " + i, i));
            }
            for (int i = 0; i < READS; i++) {
                assertThat(products.get("product-" + i)).isEqualTo(new Product("product " + i, i));
            }
            for (int i = 0; i < MISSES; i++) {
                assertThat(products.get("absent-" + i)).isNull();
            }
        }

        // Every write reaches PostgreSQL, so the flush counters of the nodes add up to the writes.
        Awaitility.await("flush of " + WRITES + " rows")
                .atMost(FLUSH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    double rows = 0;
                    for (NodeProcess node : cluster.nodes()) {
                        rows += PrometheusText.parse(scrape(node)).sum("cairn_flush_rows_total", Map.of("shard", SHARD));
                    }
                    return rows >= WRITES;
                });
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void scrapePassesPromtool() throws Exception {
        Path promtool = Tools.executable("promtool");

        for (NodeProcess node : cluster.nodes()) {
            Path scrapeFile = workDirectory.resolve("scrape-node-" + node.index() + ".txt");
            Files.writeString(scrapeFile, scrape(node), StandardCharsets.UTF_8);

            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .redirectInput(scrapeFile.toFile())
                    .start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(1, TimeUnit.MINUTES)).as("promtool finished").isTrue();

            // Exit code 3 means lint problems only; 1 means the text could not be parsed.
            assertThat(check.exitValue()).as("promtool exit code on node %d; output:\n%s", node.index(), output)
                    .isIn(0, LINT_PROBLEMS_EXIT_CODE);

            List<String> problems = output.lines().filter(line -> !line.isBlank()).toList();
            List<String> warnings = problems.stream().filter(PrometheusEndpointTest::isThirdPartyLintProblem).toList();
            List<String> errors = problems.stream().filter(line -> !isThirdPartyLintProblem(line)).toList();
            if (!warnings.isEmpty()) {
                System.out.println("promtool lint warnings for node " + node.index() + " (meters named by Spring Boot "
                        + "and Micrometer):\n" + String.join("\n", warnings));
            }
            assertThat(errors).as("promtool check metrics on node %d, input %s", node.index(), scrapeFile).isEmpty();
        }
    }

    @Test
    void scrapeHasFamiliesAndTags() throws Exception {
        for (NodeProcess node : cluster.nodes()) {
            PrometheusText text = PrometheusText.parse(scrape(node));
            String member = node.memberAddress();

            for (Map.Entry<String, List<String>> expected : ExportedMetrics.LABELS_BY_SAMPLE.entrySet()) {
                List<PrometheusText.Sample> samples = text.named(expected.getKey());
                assertThat(samples).as("samples of %s on node %d", expected.getKey(), node.index()).isNotEmpty();
                for (PrometheusText.Sample sample : samples) {
                    assertThat(sample.labels()).as("labels of %s on node %d", expected.getKey(), node.index())
                            .containsEntry(ExportedMetrics.MEMBER, member);
                    for (String label : expected.getValue()) {
                        assertThat(sample.labels()).as("labels of %s on node %d", expected.getKey(), node.index())
                                .containsKey(label);
                    }
                }
            }

            assertThat(text.sum("cairn_dirty_entries", Map.of("map", CACHE_MAP))).as("dirty entries after flush").isZero();
            assertThat(text.named("cairn_flush_rows_total")).extracting(sample -> sample.labels().get("shard"))
                    .containsOnly(SHARD);
            assertThat(text.sum("hazelcast_cluster_size", Map.of())).as("cluster size on node %d", node.index())
                    .isEqualTo(NODES);
            assertThat(text.sum("hazelcast_cluster_safe", Map.of())).as("cluster safe on node %d", node.index()).isEqualTo(1);
            assertThat(text.sum("hazelcast_member_safe", Map.of())).as("member safe on node %d", node.index()).isEqualTo(1);
            assertThat(text.sum("hazelcast_cluster_state", Map.of("state", "ACTIVE"))).isEqualTo(1);
            assertThat(text.sum("hazelcast_cluster_state", Map.of())).as("exactly one current state").isEqualTo(1);
            assertThat(text.sum("hazelcast_partitions_owned", Map.of())).as("owned partitions on node %d", node.index())
                    .isPositive();
            assertThat(text.named("hazelcast_map_owned_entries")).extracting(sample -> sample.labels().get("map"))
                    .containsExactlyInAnyOrder(CACHE_MAP, "sessions");
            assertThat(text.named("hazelcast_map_operations_total")).extracting(sample -> sample.labels().get("operation"))
                    .containsOnly("get", "put", "set", "remove", "other");
        }

        // Summed over the members, each map counts every written entry once as owned and once as a backup.
        double owned = 0;
        double backups = 0;
        double missLoads = 0;
        for (NodeProcess node : cluster.nodes()) {
            PrometheusText text = PrometheusText.parse(scrape(node));
            owned += text.sum("hazelcast_map_owned_entries", Map.of("map", CACHE_MAP));
            backups += text.sum("hazelcast_map_backup_entries", Map.of("map", CACHE_MAP));
            missLoads += text.sum("cairn_loads_total", Map.of("shard", SHARD, "result", "miss"));
        }
        assertThat(owned).as("owned entries of %s over all members", CACHE_MAP).isEqualTo(WRITES);
        assertThat(backups).as("backup entries of %s over all members", CACHE_MAP).isEqualTo(WRITES);
        assertThat(missLoads).as("read-through loads that found no row").isGreaterThanOrEqualTo(MISSES);
    }

    @Test
    void prometheusScrapesEveryNode() throws Exception {
        Path directory = Files.createDirectories(workDirectory.resolve("prometheus"));
        List<String> targets = cluster.nodes().stream().map(node -> "127.0.0.1:" + node.httpPort()).toList();

        try (PrometheusServer prometheus = PrometheusServer.start(directory, targets)) {
            Map<String, String> lastSeen = new LinkedHashMap<>();
            try {
                Awaitility.await("Prometheus scraping " + targets)
                        .atMost(PROMETHEUS_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> scrapesAll(prometheus, targets, lastSeen));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                fail("Prometheus did not report all targets up with Cairn metrics; last seen " + lastSeen
                        + "; Prometheus log:\n" + prometheus.log(), e);
            }

            List<InetSocketAddress> listening = ListeningSockets.of(prometheus.pid());
            assertThat(listening).as("listening sockets of Prometheus pid %d", prometheus.pid())
                    .extracting(InetSocketAddress::getPort).contains(prometheus.port());
            assertThat(listening).as("listening sockets of Prometheus pid %d", prometheus.pid())
                    .allSatisfy(address -> assertThat(address.getAddress().isLoopbackAddress())
                            .as("%s is a loopback address", address).isTrue());
        }
    }

    // Runs last because it stops a node of the shared cluster.
    @Test
    @Order(Integer.MAX_VALUE)
    void migrationsCountedAfterNodeLeaves() throws Exception {
        assertThat(cluster.stopNode(LEAVING_NODE)).as("exit code of node %d after SIGTERM", LEAVING_NODE).isZero();
        cluster.awaitClusterSafe(SAFE_TIMEOUT);

        double completed = 0;
        double failed = 0;
        for (NodeProcess node : cluster.liveNodes()) {
            PrometheusText text = PrometheusText.parse(scrape(node));
            assertThat(text.sum("hazelcast_cluster_size", Map.of())).as("cluster size on node %d", node.index())
                    .isEqualTo(NODES - 1);
            completed += text.sum("hazelcast_migrations_total", Map.of("result", "completed"));
            failed += text.sum("hazelcast_migrations_total", Map.of("result", "failed"));
        }
        assertThat(completed).as("replica migrations into the remaining members").isPositive();
        assertThat(failed).as("failed replica migrations").isZero();
    }

    private static boolean scrapesAll(PrometheusServer prometheus, List<String> targets, Map<String, String> lastSeen)
            throws IOException, InterruptedException {
        if (!prometheus.isAlive()) {
            throw new IllegalStateException("Prometheus exited; log:\n" + prometheus.log());
        }
        HttpResponse<String> ready = get(prometheus.uri("/-/ready"));
        if (ready.statusCode() != 200) {
            lastSeen.put("ready", ready.statusCode() + " " + ready.body());
            return false;
        }

        Set<String> upTargets = new HashSet<>();
        for (JsonNode target : json(prometheus.uri("/api/v1/targets")).path("data").path("activeTargets")) {
            if (target.path("health").asString().equals("up")) {
                upTargets.add(target.path("labels").path("instance").asString());
            }
        }
        lastSeen.put("targets up", upTargets.toString());

        Set<String> upSeries = instancesWithValue(prometheus, "up", "1");
        lastSeen.put("up == 1", upSeries.toString());

        Set<String> withCairnMetric = instancesWithValue(prometheus, "cairn_dirty_entries", null);
        lastSeen.put("cairn_dirty_entries", withCairnMetric.toString());

        Set<String> expected = Set.copyOf(targets);
        return upTargets.equals(expected) && upSeries.equals(expected) && withCairnMetric.equals(expected);
    }

    /** Returns the instances that have a series for {@code query}, with value {@code value} unless it is null. */
    private static Set<String> instancesWithValue(PrometheusServer prometheus, String query, String value)
            throws IOException, InterruptedException {
        JsonNode response = json(prometheus.uri("/api/v1/query?query=" + query));
        if (!response.path("status").asString().equals("success")) {
            throw new IllegalStateException("Prometheus query " + query + " failed: " + response);
        }
        Set<String> instances = new HashSet<>();
        for (JsonNode series : response.path("data").path("result")) {
            if (value == null || series.path("value").path(1).asString().equals(value)) {
                instances.add(series.path("metric").path("instance").asString());
            }
        }
        return instances;
    }

    /**
     * Returns true for a lint problem of a meter that Cairn does not name, such as
     * {@code jvm_compilation_time_ms_total} from Micrometer or {@code http_server_requests_seconds}
     * without help text from Spring Boot. Parse errors and problems of Cairn's own families stay errors.
     */
    private static boolean isThirdPartyLintProblem(String line) {
        Matcher matcher = LINT_LINE.matcher(line);
        if (line.startsWith("error") || !matcher.matches()) {
            return false;
        }
        String family = matcher.group(1);
        return !family.startsWith("cairn_") && !family.startsWith("hazelcast_");
    }

    private static String scrape(NodeProcess node) throws IOException, InterruptedException {
        HttpResponse<String> response = get(node.httpUri().resolve("/actuator/prometheus"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus on node " + node.index() + " returned "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " returned " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).header("Accept", "text/plain").GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
