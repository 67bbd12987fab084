package io.cairn.node.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.config.CairnSettings;
import io.cairn.config.DiscoveryMode;
import io.cairn.config.SettingsLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the files under {@code docker/} by parsing them, because no Docker engine or Kubernetes
 * cluster runs here: the Dockerfile, the compose file, the Kubernetes manifests, the Prometheus
 * configuration and alert rules, and the Grafana dashboard. The node settings that compose and
 * Kubernetes hand to the nodes are loaded with the real settings loader.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Tools.dockerDirectory();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:[?-][^}]*)?}");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:cairn|hazelcast)_[a-z0-9_]+)\\b");
    private static final Set<String> NODE_SERVICES = Set.of("node-1", "node-2", "node-3");
    private static final String TEST_SECRET = "test-secret";

    // ---- Dockerfile ----

    @Test
    void dockerfileRunsNonRootWithHealthcheck() throws IOException {
        List<String> instructions = dockerfileInstructions(DOCKER.resolve("Dockerfile"));

        List<String> froms = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).as("FROM lines").hasSizeGreaterThanOrEqualTo(1);
        assertThat(froms.get(froms.size() - 1)).as("runtime base image").contains("17-jre");

        List<String> users = instructions.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).as("USER lines").isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).trim();
        assertThat(user.split(":")[0]).as("final USER").isNotIn("root", "0");

        List<String> healthchecks = instructions.stream().filter(line -> line.startsWith("HEALTHCHECK ")).toList();
        assertThat(healthchecks).as("HEALTHCHECK lines").hasSize(1);
        assertThat(healthchecks.get(0)).contains("/actuator/health/liveness");

        String all = String.join("\n", instructions);
        assertThat(instructions).as("EXPOSE").anySatisfy(line -> assertThat(line).startsWith("EXPOSE ").contains("5701")
                .contains("8080"));
        assertThat(all).contains("HZ_PHONE_HOME_ENABLED=false").contains("-Dhazelcast.phone.home.enabled=false");
        assertThat(instructions).as("ENTRYPOINT in exec form").anySatisfy(line -> assertThat(line)
                .startsWith("ENTRYPOINT [").contains("io.cairn.node.CairnNodeApplication"));
    }

    // ---- compose ----

    @Test
    void composeHasEveryService() throws IOException {
        Map<String, Object> services = map(composeFile().get("services"), "services");

        assertThat(services.keySet()).containsExactlyInAnyOrder("node-1", "node-2", "node-3", "shard-0", "shard-1",
                "prometheus", "grafana", "management-center");

        for (String shard : List.of("shard-0", "shard-1")) {
            Map<String, Object> service = map(services.get(shard), shard);
            assertThat(string(service.get("image"))).as("image of %s", shard).startsWith("postgres:");
            assertThat(list(service.get("command"), shard)).as("command of %s", shard).contains("fsync=on");
            assertThat(list(service.get("command"), shard)).doesNotContain("fsync=off");
            assertThat(service).as("service %s", shard).containsKey("healthcheck");
        }

        for (String node : NODE_SERVICES) {
            Map<String, Object> service = map(services.get(node), node);
            assertThat(map(service.get("build"), node).get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(string(service.get("stop_grace_period"))).as("stop_grace_period of %s", node).isNotBlank();
            Map<String, Object> environment = map(service.get("environment"), node + " environment");
            assertThat(environment).containsEntry("HZ_PHONE_HOME_ENABLED", "false");
            assertThat(string(environment.get("JAVA_TOOL_OPTIONS"))).contains("-Dhazelcast.phone.home.enabled=false");
            for (Object port : list(service.get("ports"), node + " ports")) {
                assertThat(string(port)).as("published port of %s", node).startsWith("127.0.0.1:");
            }
        }

        assertThat(string(map(services.get("prometheus"), "prometheus").get("image"))).startsWith("prom/prometheus:");
        assertThat(string(map(services.get("grafana"), "grafana").get("image"))).startsWith("grafana/grafana");
        Map<String, Object> managementCenter = map(services.get("management-center"), "management-center");
        assertThat(string(managementCenter.get("image"))).startsWith("hazelcast/management-center:");
    }

    @Test
    void composeNodeSettingsAreValid() throws IOException {
        Map<String, Object> services = map(composeFile().get("services"), "services");
        Path settingsFile = DOCKER.resolve("cairn.yaml");
        Set<String> nodeAddresses = new LinkedHashSet<>();

        for (String node : NODE_SERVICES.stream().sorted().toList()) {
            Map<String, Object> service = map(services.get(node), node);
            String address = string(map(map(service.get("networks"), node + " networks").get("cairn"), node + " network")
                    .get("ipv4_address"));
            Map<String, String> environment = cairnEnvironment(map(service.get("environment"), node + " environment"));

            CairnSettings settings = SettingsLoader.load(settingsFile, environment);

            assertThat(settings.member().bindAddress()).as("bind address of %s", node).isEqualTo(address);
            assertThat(settings.discovery().mode()).isEqualTo(DiscoveryMode.TCP_IP);
            assertThat(settings.discovery().members()).as("member list").contains(address + ":" + settings.member().port());
            assertThat(settings.shards()).extracting(shard -> shard.name()).containsExactly("shard-0", "shard-1");
            assertThat(settings.shards()).allSatisfy(shard -> assertThat(shard.password()).isEqualTo(TEST_SECRET));
            assertThat(services.keySet()).as("compose services named by the JDBC URLs")
                    .containsAll(settings.shards().stream().map(shard -> shard.jdbcUrl().split("/")[2].split(":")[0])
                            .toList());
            nodeAddresses.add(address + ":" + settings.member().port());

            Map<String, Object> managementCenter = map(map(services.get("management-center"), "mc").get("environment"),
                    "management-center environment");
            assertThat(managementCenter.get("MC_DEFAULT_CLUSTER")).as("cluster of Management Center")
                    .isEqualTo(settings.clusterName());
            assertThat(Set.of(string(managementCenter.get("MC_DEFAULT_CLUSTER_MEMBERS")).split(",")))
                    .as("members of Management Center").isEqualTo(Set.copyOf(settings.discovery().members()));
        }
        CairnSettings any = SettingsLoader.load(settingsFile, cairnEnvironment(map(map(services.get("node-1"), "node-1")
                .get("environment"), "environment")));
        assertThat(nodeAddresses).as("node addresses in compose").isEqualTo(Set.copyOf(any.discovery().members()));
    }

    @Test
    void composePrometheusConfigPassesPromtool() throws Exception {
        Path config = DOCKER.resolve("prometheus/prometheus.yml");
        String output = run(Tools.executable("promtool").toString(), "check", "config", config.toString());

        Map<String, Object> prometheus = yamlDocuments(config).get(0);
        List<Object> targets = list(map(list(map(list(prometheus.get("scrape_configs"), "scrape_configs").get(0), "job")
                .get("static_configs"), "static_configs").get(0), "static config").get("targets"), "targets");
        assertThat(targets).as("scrape targets; promtool said:\n%s", output)
                .containsExactlyInAnyOrder("node-1:8080", "node-2:8080", "node-3:8080");
    }

    @Test
    void alertRulesPassPromtool() throws Exception {
        Path rules = DOCKER.resolve("prometheus/alerts.yml");
        run(Tools.executable("promtool").toString(), "check", "rules", rules.toString());

        int alerts = 0;
        for (Object group : list(yamlDocuments(rules).get(0).get("groups"), "groups")) {
            for (Object rule : list(map(group, "group").get("rules"), "rules")) {
                String expression = string(map(rule, "rule").get("expr"));
                assertThat(unknownMetricNames(expression)).as("unknown metric names in %s", expression).isEmpty();
                alerts++;
            }
        }
        assertThat(alerts).as("alert rules in %s", rules).isPositive();
    }

    @Test
    void grafanaProvisioningPointsAtDashboard() throws IOException {
        Map<String, Object> datasources = yamlDocuments(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml")).get(0);
        Map<String, Object> datasource = map(list(datasources.get("datasources"), "datasources").get(0), "datasource");
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");

        Map<String, Object> dashboards = yamlDocuments(DOCKER.resolve("grafana/provisioning/dashboards/cairn.yaml")).get(0);
        Map<String, Object> provider = map(list(dashboards.get("providers"), "providers").get(0), "provider");
        String path = string(map(provider.get("options"), "options").get("path"));

        Map<String, Object> grafana = map(map(composeFile().get("services"), "services").get("grafana"), "grafana");
        assertThat(list(grafana.get("volumes"), "grafana volumes")).map(DeploymentFilesTest::string)
                .contains("./grafana/cairn-dashboard.json:" + path + "/cairn-dashboard.json:ro")
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    // ---- Grafana dashboard ----

    @Test
    void dashboardQueriesExportedMetrics() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DOCKER.resolve("grafana/cairn-dashboard.json").toFile());
        List<String> titles = new ArrayList<>();
        int queries = 0;

        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            String title = panel.path("title").asString();
            titles.add(title);
            assertThat(panel.path("targets").isEmpty()).as("panel %s has queries", title).isFalse();
            for (JsonNode target : panel.path("targets")) {
                String expression = target.path("expr").asString();
                List<String> names = metricNames(expression);
                assertThat(names).as("metric names in query %s of panel %s", expression, title).isNotEmpty();
                assertThat(unknownMetricNames(expression)).as("unknown metric names in panel %s", title).isEmpty();
                queries++;
            }
        }

        assertThat(titles).contains("Dirty backlog per shard", "Oldest dirty entry age", "Flush rows per second",
                "Flush statements per second", "Flush batch latency p99", "Flush retries and dead letters",
                "Shard circuit state", "Read-through loads by result", "Cluster size", "Cluster and member safety",
                "Map entries");
        assertThat(queries).isGreaterThanOrEqualTo(titles.size());

        String json = Files.readString(DOCKER.resolve("grafana/cairn-dashboard.json"));
        for (String family : List.of("cairn_dirty_entries_shard", "cairn_dirty_oldest_age_seconds", "cairn_flush_rows_total",
                "cairn_flush_statements_total", "cairn_flush_batch_latency_seconds", "cairn_flush_dead_letters_total",
                "cairn_shard_circuit_state", "cairn_loads_total", "hazelcast_cluster_size", "hazelcast_cluster_safe",
                "hazelcast_map_owned_entries")) {
            assertThat(metricNames(json)).as("dashboard queries").contains(family);
        }
    }

    // ---- Kubernetes ----

    @Test
    void kubernetesManifestsHaveEveryKind() throws IOException {
        Map<String, Map<String, Object>> byKind = kubernetesByKindAndName();

        assertThat(byKind.keySet()).containsExactlyInAnyOrder("Secret/cairn-secrets", "ConfigMap/cairn-settings",
                "Service/cairn-members", "Service/cairn", "StatefulSet/cairn", "PodDisruptionBudget/cairn");

        Map<String, Object> headless = map(byKind.get("Service/cairn-members").get("spec"), "headless spec");
        assertThat(headless).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);

        Map<String, Object> pdb = map(byKind.get("PodDisruptionBudget/cairn").get("spec"), "pdb spec");
        assertThat(pdb).containsEntry("maxUnavailable", 1);
        assertThat(byKind.get("PodDisruptionBudget/cairn")).containsEntry("apiVersion", "policy/v1");

        Map<String, Object> secret = byKind.get("Secret/cairn-secrets");
        assertThat(map(secret.get("stringData"), "stringData").values()).as("secret values are placeholders")
                .allSatisfy(value -> assertThat(value).isEqualTo("CHANGE_ME"));
    }

    @Test
    void statefulSetProbesAndDrain() throws IOException {
        Map<String, Map<String, Object>> byKind = kubernetesByKindAndName();
        Map<String, Object> spec = map(byKind.get("StatefulSet/cairn").get("spec"), "statefulset spec");
        assertThat(spec).containsEntry("replicas", 3).containsEntry("serviceName", "cairn-members");

        Map<String, Object> podSpec = map(map(spec.get("template"), "template").get("spec"), "pod spec");
        assertThat(podSpec).containsEntry("enableServiceLinks", false);
        assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).as("grace period (s)").isGreaterThan(60);
        assertThat(map(podSpec.get("securityContext"), "pod securityContext")).containsEntry("runAsNonRoot", true);

        Map<String, Object> container = map(list(podSpec.get("containers"), "containers").get(0), "container");
        assertThat(httpProbePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        assertThat(httpProbePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");

        Map<String, Object> preStop = map(map(container.get("lifecycle"), "lifecycle").get("preStop"), "preStop");
        String hook = String.join(" ", list(map(preStop.get("exec"), "exec").get("command"), "command").stream()
                .map(DeploymentFilesTest::string).toList());
        assertThat(hook).as("preStop hook").containsAnyOf("kill -TERM 1", "/admin/drain");

        Map<String, Object> bindAddress = environmentVariable(container, "CAIRN_MEMBER_BIND_ADDRESS");
        assertThat(map(map(bindAddress.get("valueFrom"), "valueFrom").get("fieldRef"), "fieldRef"))
                .containsEntry("fieldPath", "status.podIP");
        assertThat(environmentVariable(container, "CAIRN_DISCOVERY_MODE")).containsEntry("value", "kubernetes-dns");
        assertThat(string(environmentVariable(container, "CAIRN_DISCOVERY_DNS_SERVICE").get("value")))
                .startsWith("cairn-members.");
        assertThat(environmentVariable(container, "HZ_PHONE_HOME_ENABLED")).containsEntry("value", "false");
    }

    @Test
    void kubernetesNodeSettingsAreValid() throws IOException {
        Map<String, Map<String, Object>> byKind = kubernetesByKindAndName();
        Map<String, Object> podSpec = map(map(map(byKind.get("StatefulSet/cairn").get("spec"), "spec").get("template"),
                "template").get("spec"), "pod spec");
        Map<String, Object> container = map(list(podSpec.get("containers"), "containers").get(0), "container");
        Map<String, Object> secretData = map(byKind.get("Secret/cairn-secrets").get("stringData"), "stringData");
        String settingsYaml = string(map(byKind.get("ConfigMap/cairn-settings").get("data"), "data").get("cairn.yaml"));
        // An address of the documentation range, standing in for status.podIP; nothing connects to it.
        String podIp = "192.0.2.10";

        Map<String, String> environment = new HashMap<>();
        for (Object entry : list(container.get("env"), "env")) {
            Map<String, Object> variable = map(entry, "env entry");
            String name = string(variable.get("name"));
            if (!name.startsWith("CAIRN_")) {
                continue;
            }
            if (variable.containsKey("value")) {
                environment.put(name, string(variable.get("value")));
                continue;
            }
            Map<String, Object> source = map(variable.get("valueFrom"), name + " valueFrom");
            if (source.containsKey("fieldRef")) {
                environment.put(name, podIp);
            } else {
                String key = string(map(source.get("secretKeyRef"), name + " secretKeyRef").get("key"));
                assertThat(secretData).as("secret keys").containsKey(key);
                environment.put(name, string(secretData.get(key)));
            }
        }

        CairnSettings settings = SettingsLoader.parse(settingsYaml, environment);

        assertThat(settings.discovery().mode()).isEqualTo(DiscoveryMode.KUBERNETES_DNS);
        assertThat(settings.member().bindAddress()).isEqualTo(podIp);
        assertThat(settings.shards()).hasSize(2).allSatisfy(shard -> assertThat(shard.password()).isEqualTo("CHANGE_ME"));
        assertThat(settings.admin().token()).isEqualTo("CHANGE_ME");
    }

    // ---- helpers ----

    private static Map<String, Object> composeFile() throws IOException {
        return yamlDocuments(DOCKER.resolve("compose.yaml")).get(0);
    }

    private static Map<String, Map<String, Object>> kubernetesByKindAndName() throws IOException {
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Map<String, Object> document : yamlDocuments(DOCKER.resolve("k8s/cairn.yaml"))) {
            String name = string(map(document.get("metadata"), "metadata").get("name"));
            Map<String, Object> previous = byKind.put(document.get("kind") + "/" + name, document);
            assertThat(previous).as("duplicate %s/%s", document.get("kind"), name).isNull();
        }
        return byKind;
    }

    private static String httpProbePath(Map<String, Object> container, String probe) {
        return string(map(map(container.get(probe), probe).get("httpGet"), probe + " httpGet").get("path"));
    }

    private static Map<String, Object> environmentVariable(Map<String, Object> container, String name) {
        for (Object entry : list(container.get("env"), "env")) {
            Map<String, Object> variable = map(entry, "env entry");
            if (name.equals(variable.get("name"))) {
                return variable;
            }
        }
        throw new AssertionError("Container " + container.get("name") + " does not set " + name);
    }

    /** Returns the node's CAIRN_* variables, with each ${NAME...} interpolation replaced by a test value. */
    private static Map<String, String> cairnEnvironment(Map<String, Object> environment) {
        Map<String, String> result = new HashMap<>();
        for (Map.Entry<String, Object> entry : environment.entrySet()) {
            if (!entry.getKey().startsWith("CAIRN_")) {
                continue;
            }
            Matcher matcher = INTERPOLATION.matcher(string(entry.getValue()));
            result.put(entry.getKey(), matcher.replaceAll(TEST_SECRET));
        }
        return result;
    }

    private static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
            if (document != null) {
                documents.add(map(document, file.getFileName() + " document"));
            }
        }
        assertThat(documents).as("YAML documents in %s", file).isNotEmpty();
        return documents;
    }

    /** Joins continuation lines and drops comments, returning one instruction a line. */
    private static List<String> dockerfileInstructions(Path dockerfile) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> metricNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = METRIC_NAME.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static List<String> unknownMetricNames(String text) {
        return metricNames(text).stream().filter(name -> !ExportedMetrics.names().contains(name)).distinct().toList();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; output:\n%s", String.join(" ", command), output).isZero();
        return output;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String description) {
        assertThat(value).as(description).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String description) {
        assertThat(value).as(description).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
