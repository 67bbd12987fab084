package io.cairn.bench;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process on a free loopback port, without persistence, that this JVM starts and
 * stops by its pid. A replica follows a primary with {@code --replicaof}. A JVM shutdown hook kills
 * the process if the JVM exits without closing it.
 */
final class RedisServer implements AutoCloseable {

    static final String EXECUTABLE = "/usr/bin/redis-server";
    static final String LOOPBACK = "127.0.0.1";

    private static final long STARTUP_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final String name;
    private final int port;
    private final Process process;

    private RedisServer(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-shutdown"));
    }

    /** Starts a primary. */
    static RedisServer start(String name, Path workDirectory) {
        return start(name, workDirectory, null);
    }

    /** Starts a replica of {@code primary} and waits until its link to the primary is up. */
    static RedisServer startReplica(String name, Path workDirectory, RedisServer primary) {
        RedisServer replica = start(name, workDirectory, primary);
        replica.awaitReplicaLinkUp();
        return replica;
    }

    private static RedisServer start(String name, Path workDirectory, RedisServer primary) {
        if (!Path.of(EXECUTABLE).toFile().canExecute()) {
            throw new IllegalStateException(EXECUTABLE + " is missing; install it with 'apt-get install -y redis-server'");
        }
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(EXECUTABLE, "--bind", LOOPBACK, "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no",
                "--dir", workDirectory.toString()));
        if (primary != null) {
            command.addAll(List.of("--replicaof", LOOPBACK, Integer.toString(primary.port)));
        }
        Path log = workDirectory.resolve(name + ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start redis-server " + name + " on port " + port, e);
        }
        RedisServer server = new RedisServer(name, port, process);
        try {
            server.awaitPing();
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("redis-server " + name + " did not respond to PING on port " + port + "; see " + log, e);
        }
        System.out.printf("Started redis-server %s (pid %d) on %s:%d%n", name, process.pid(), LOOPBACK, port);
        return server;
    }

    int port() {
        return port;
    }

    /** Opens a new connection; the caller closes it. */
    Jedis connect() {
        return new Jedis(LOOPBACK, port);
    }

    /** Stops the server with SIGTERM, then SIGKILL if it does not exit in time. Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        System.out.printf("Stopped redis-server %s (pid %d)%n", name, process.pid());
    }

    private void awaitPing() {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        JedisException last = null;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try (Jedis jedis = connect()) {
                jedis.ping();
                return;
            } catch (JedisException e) {
                last = e;
                pause();
            }
        }
        throw new IllegalStateException("no response to PING within " + STARTUP_TIMEOUT_MILLIS + " ms", last);
    }

    private void awaitReplicaLinkUp() {
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        try (Jedis jedis = connect()) {
            while (System.currentTimeMillis() < deadline) {
                if (jedis.info("replication").contains("master_link_status:up")) {
                    return;
                }
                pause();
            }
        }
        close();
        throw new IllegalStateException("Replica " + name + " did not connect to its primary within "
                + STARTUP_TIMEOUT_MILLIS + " ms");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on " + LOOPBACK, e);
        }
    }
}
