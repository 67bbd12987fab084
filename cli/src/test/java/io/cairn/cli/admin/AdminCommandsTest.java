package io.cairn.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.cli.CairnCli;
import io.cairn.cli.local.LocalRunFile;
import io.cairn.node.CairnNodeApplication;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin commands against one real, memory-only node running in the test JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdminCommandsTest {

    private static final String TOKEN = "cli-test-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path directory;

    private ConfigurableApplicationContext node;
    private String httpAddress;
    private String memberAddress;
    private String previousHome;

    /** Output of one command run. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void startNode() throws IOException {
        int memberPort = freePort();
        memberAddress = "127.0.0.1:" + memberPort;
        Path settings = directory.resolve("cairn.yaml");
        Files.writeString(settings, "cairn:\n"
                + "  cluster-name: cli-test-" + UUID.randomUUID() + "\n"
                + "  discovery: {mode: tcp-ip, members: [" + memberAddress + "]}\n"
                + "  member: {bind-address: 127.0.0.1, port: " + memberPort + "}\n"
                + "  caches: {items: {backup-count: 1}}\n"
                + "  admin: {token: " + TOKEN + "}\n");
        node = new SpringApplicationBuilder(CairnNodeApplication.class)
                .run("--cairn.config=" + settings, "--server.port=0", "--server.address=127.0.0.1");
        httpAddress = "127.0.0.1:" + node.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void useEmptyHome() throws IOException {
        previousHome = System.getProperty(CairnCli.HOME_PROPERTY);
        Path home = Files.createTempDirectory(directory, "home-");
        System.setProperty(CairnCli.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty(CairnCli.HOME_PROPERTY);
        } else {
            System.setProperty(CairnCli.HOME_PROPERTY, previousHome);
        }
    }

    @Test
    void membersPrintsTable() {
        Run run = cairn("members", "--node", httpAddress, "--token", TOKEN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("MEMBER", "PARTITIONS", memberAddress + " *", "state ACTIVE", "cluster safe yes");
    }

    @Test
    void membersPrintsJson() {
        Run run = cairn("members", "--node", "http://" + httpAddress, "--token", TOKEN, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode body = JSON.readTree(run.out());
        assertThat(body.path("members").size()).isEqualTo(1);
        assertThat(body.path("members").get(0).path("address").asString()).isEqualTo(memberAddress);
    }

    @Test
    void stateRoundTrip() {
        Run frozen = cairn("state", "FROZEN", "--node", httpAddress, "--token", TOKEN);
        assertThat(frozen.exitCode()).as(frozen.err()).isZero();
        assertThat(frozen.out()).contains("from ACTIVE to FROZEN");

        Run current = cairn("state", "--node", httpAddress, "--token", TOKEN);
        assertThat(current.out().trim()).isEqualTo("FROZEN");

        Run active = cairn("state", "ACTIVE", "--node", httpAddress, "--token", TOKEN);
        assertThat(active.exitCode()).as(active.err()).isZero();
        assertThat(cairn("state", "--node", httpAddress, "--token", TOKEN).out().trim()).isEqualTo("ACTIVE");
    }

    @Test
    void invalidStateFails() {
        Run run = cairn("state", "ASLEEP", "--node", httpAddress, "--token", TOKEN);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 400", "ACTIVE, NO_MIGRATION, FROZEN, PASSIVE");
    }

    @Test
    void flushReportsMembers() {
        Run run = cairn("flush", "--node", httpAddress, "--token", TOKEN, "--timeout", "10");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(memberAddress, "Every owned dirty entry is written");
    }

    @Test
    void shardsOfMemoryOnlyNode() {
        Run run = cairn("shards", "--node", httpAddress, "--token", TOKEN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CIRCUIT", "no shard");
    }

    @Test
    void wrongTokenFails() {
        Run run = cairn("members", "--node", httpAddress, "--token", "not-the-token");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 401", "Invalid bearer token");
    }

    @Test
    void missingTokenIsUsageError() {
        assumeTrue(System.getenv(AdminOptions.TOKEN_VARIABLE) == null, "CAIRN_ADMIN_TOKEN is set in this environment");

        Run run = cairn("members", "--node", httpAddress);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No admin token", "--token", "CAIRN_ADMIN_TOKEN", "cairn local");
    }

    @Test
    void runFileGivesNodeAndToken() throws IOException {
        assumeTrue(System.getenv(AdminOptions.TOKEN_VARIABLE) == null, "CAIRN_ADMIN_TOKEN is set in this environment");
        writeRunFile();

        Run run = cairn("members", "--node", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(memberAddress);
    }

    @Test
    void statusShowsPartitions() throws IOException {
        assumeTrue(System.getenv(AdminOptions.TOKEN_VARIABLE) == null, "CAIRN_ADMIN_TOKEN is set in this environment");
        writeRunFile();
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        int exitCode;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            exitCode = cairn("status", "--node", "http://" + httpAddress).exitCode();
        } finally {
            System.setOut(previous);
        }

        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exitCode).as(out).isZero();
        assertThat(out).contains("CLUSTER SAFE", "Partitions per member", memberAddress);
    }

    @Test
    void unknownNodeIndexIsUsageError() {
        Run run = cairn("members", "--node", "3", "--token", TOKEN);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No local cluster found", "cairn local");
    }

    /** Writes a run file in the current home that lists the test node and the token. */
    private void writeRunFile() throws IOException {
        Path runFile = LocalRunFile.path(CairnCli.home());
        Files.createDirectories(runFile.getParent());
        LocalRunFile description = new LocalRunFile("cli-test", "cairn.yaml", directory.toString(), ProcessHandle.current().pid(),
                "2026-01-01T00:00:00Z", List.of(new LocalRunFile.Node(0, ProcessHandle.current().pid(), 0, 0,
                        "http://" + httpAddress, memberAddress, "node-0.log")), List.of(), TOKEN);
        Files.writeString(runFile, JSON.writeValueAsString(description));
    }

    private static Run cairn(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new CairnCli());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
