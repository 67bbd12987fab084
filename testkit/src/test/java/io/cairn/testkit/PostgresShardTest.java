package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresShardTest {

    private static final String TCP_LISTEN_STATE = "0A";

    @TempDir
    static Path workDirectory;

    private static PostgresShard shard;

    @BeforeAll
    static void startShard() {
        shard = PostgresShard.start("shard-test", workDirectory);
    }

    @AfterAll
    static void closeShard() {
        if (shard != null) {
            shard.close();
        }
    }

    @Test
    void durabilitySettingsOn() throws SQLException {
        assertThat(show("fsync")).isEqualTo("on");
        assertThat(show("synchronous_commit")).isEqualTo("on");
        assertThat(show("full_page_writes")).isEqualTo("on");
    }

    @Test
    void connectsAsCairnRole() throws SQLException {
        assertThat(shard.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + shard.port() + "/cairn");
        assertThat(show("listen_addresses")).isEqualTo("127.0.0.1");

        try (Connection connection = shard.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_user, current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(PostgresShard.USERNAME);
            assertThat(rows.getString(2)).isEqualTo(PostgresShard.DATABASE);
        }
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        String portHex = String.format(Locale.ROOT, "%04X", shard.port());

        List<String> ipv4Listeners = listeners(Path.of("/proc/net/tcp"), portHex);
        assertThat(ipv4Listeners).containsExactly("0100007F:" + portHex);

        List<String> ipv6Listeners = listeners(Path.of("/proc/net/tcp6"), portHex);
        assertThat(ipv6Listeners).isEmpty();
    }

    @Test
    void dataSurvivesStopStart() throws SQLException {
        try (Connection connection = shard.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (id int PRIMARY KEY, label text)");
            statement.execute("INSERT INTO survivor VALUES (1, 'one'), (2, 'two')");
        }

        shard.stop();
        assertThat(shard.isRunning()).isFalse();
        assertThat(Files.exists(shard.dataDirectory().resolve("PG_VERSION"))).isTrue();
        assertThatThrownBy(shard::connect).isInstanceOf(SQLException.class);

        shard.start();
        assertThat(shard.isRunning()).isTrue();
        try (Connection connection = shard.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, label FROM survivor ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo("one");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(2)).isEqualTo("two");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void closeDeletesData() {
        PostgresShard other = PostgresShard.start("shard-closing", workDirectory);
        Path dataDirectory = other.dataDirectory();
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();

        other.close();

        assertThat(other.isRunning()).isFalse();
        assertThat(Files.exists(dataDirectory)).isFalse();
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class);
    }

    private static String show(String setting) throws SQLException {
        try (Connection connection = shard.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Local addresses in {@code /proc/net/tcp} format of sockets listening on the given port. */
    private static List<String> listeners(Path procFile, String portHex) throws IOException {
        if (!Files.exists(procFile)) {
            return List.of();
        }
        try (var lines = Files.lines(procFile)) {
            return lines.skip(1)
                    .map(String::trim)
                    .map(line -> line.split("\\s+"))
                    .filter(fields -> fields[1].endsWith(":" + portHex) && fields[3].equals(TCP_LISTEN_STATE))
                    .map(fields -> fields[1])
                    .toList();
        }
    }
}
