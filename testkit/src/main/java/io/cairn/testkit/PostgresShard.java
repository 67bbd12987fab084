package io.cairn.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL server started from the embedded binaries, as a Cairn shard.
 *
 * <p>The server listens on 127.0.0.1 only, without a Unix socket, and keeps durability on
 * ({@code fsync} and {@code synchronous_commit}), which the embedded defaults turn off. It owns a
 * data directory under the given work directory. {@link #stop()} shuts the server down and keeps
 * the data directory, so {@link #start()} brings it back on the same port with the same data, as
 * a database outage and recovery would. {@link #close()} stops it and deletes the data directory.
 *
 * <p>Each shard has a database {@value #DATABASE} owned by the login role {@value #USERNAME}.
 * NOTE: the embedded binaries initialise the cluster with {@code trust} authentication, so the
 * password is set on the role but not checked for connections from 127.0.0.1.
 */
public final class PostgresShard implements AutoCloseable {

    /** Database that Cairn writes to on every shard. */
    public static final String DATABASE = "cairn";

    /** Login role that Cairn connects as on every shard. */
    public static final String USERNAME = "cairn";

    private static final Logger log = LoggerFactory.getLogger(PostgresShard.class);

    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);
    private static final String MAX_CONNECTIONS = "100";

    private final String name;
    private final int port;
    private final Path dataDirectory;
    private final Path logFile;
    private final String password = UUID.randomUUID().toString();

    private EmbeddedPostgres server;
    private boolean closed;

    private PostgresShard(String name, int port, Path workDirectory) {
        this.name = name;
        this.port = port;
        this.dataDirectory = workDirectory.resolve(name).resolve("data");
        this.logFile = workDirectory.resolve(name + ".log");
    }

    /** Starts a shard named {@code name} on a free loopback port, with its data under {@code workDirectory/name}. */
    public static PostgresShard start(String name, Path workDirectory) {
        return start(name, workDirectory, LoopbackPorts.pickOne());
    }

    /** Starts a shard named {@code name} on the given port, with its data under {@code workDirectory/name}. */
    public static PostgresShard start(String name, Path workDirectory, int port) {
        PostgresShard shard = new PostgresShard(name, port, workDirectory);
        shard.start();
        return shard;
    }

    /**
     * Starts the server on this shard's port and data directory. The first start creates the
     * data directory, the database and the role; later starts reuse them.
     *
     * @throws IllegalStateException if the shard is running or closed, or the server fails to start
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("Shard " + name + " is closed; create a new PostgresShard");
        }
        if (server != null) {
            throw new IllegalStateException("Shard " + name + " is already running on port " + port);
        }

        try {
            Files.createDirectories(dataDirectory);
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", LoopbackPorts.LOOPBACK)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", MAX_CONNECTIONS)
                    .setLocaleConfig("locale", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL shard " + name + " failed to start on "
                    + LoopbackPorts.LOOPBACK + ":" + port + " with data directory " + dataDirectory
                    + "; see " + logFile, e);
        }

        createDatabaseAndRole();
        log.info("PostgreSQL shard {} is running at {}", name, jdbcUrl());
    }

    /**
     * Shuts the server down (fast mode: open sessions are disconnected, committed data stays)
     * and keeps the data directory. Does nothing if the shard is not running.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }

        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to stop PostgreSQL shard " + name + " on port " + port, e);
        } finally {
            server = null;
        }

        awaitPostmasterGone();
        log.info("PostgreSQL shard {} stopped; data kept in {}", name, dataDirectory);
    }

    /** Stops the server if it runs and deletes its data directory. The shard cannot start again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }

        try {
            stop();
        } finally {
            closed = true;
            deleteRecursively(dataDirectory.getParent());
            log.info("PostgreSQL shard {} closed; deleted {}", name, dataDirectory.getParent());
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + LoopbackPorts.LOOPBACK + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Server log file, appended to across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** Opens a connection to the Cairn database as the Cairn role. The caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USERNAME, password);
    }

    @Override
    public String toString() {
        return "PostgresShard{name=" + name + ", port=" + port + ", running=" + isRunning() + '}';
    }

    private void createDatabaseAndRole() {
        String superuserUrl = "jdbc:postgresql://" + LoopbackPorts.LOOPBACK + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(superuserUrl, SUPERUSER, "");
             Statement statement = connection.createStatement()) {

            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                // The password is a UUID, so it contains no quote characters.
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + password + "'");
            } else {
                statement.execute("ALTER ROLE " + USERNAME + " PASSWORD '" + password + "'");
            }

            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to create database " + DATABASE + " and role " + USERNAME
                    + " on PostgreSQL shard " + name + " at port " + port, e);
        }
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Waits until the server has removed its pid file. The embedded library gives the shutdown
     * only a few seconds and only logs when that runs out, but a checkpoint with fsync on can take
     * longer. Starting again before the old server exits would fail.
     */
    private void awaitPostmasterGone() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            Awaitility.await("PostgreSQL shard " + name + " shutdown")
                    .atMost(SHUTDOWN_WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !Files.exists(pidFile));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("PostgreSQL shard " + name + " on port " + port + " did not shut down within "
                    + SHUTDOWN_WAIT.toSeconds() + " s; its pid file " + pidFile + " still exists; see " + logFile, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to delete " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete shard directory " + directory, e);
        }
    }
}
