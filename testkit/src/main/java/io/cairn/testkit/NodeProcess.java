package io.cairn.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cairn node as a separate JVM on 127.0.0.1.
 *
 * <p>The node runs {@value #MAIN_CLASS} with the settings file, its HTTP port as
 * {@code --server.port} and its member port in {@code CAIRN_MEMBER_PORT}. Hazelcast phone-home is
 * always off, as a system property and in the environment. Other {@code CAIRN_*} variables of this
 * JVM are not passed on, so the settings file alone configures the node. Standard output and error go to
 * {@code <workDirectory>/node-<index>.log}, appended across restarts.
 *
 * <p>The same object can be started again after it stopped or was killed, on the same ports.
 */
public final class NodeProcess {

    /** Main class of the node application. */
    public static final String MAIN_CLASS = "io.cairn.node.CairnNodeApplication";

    /** Default maximum heap of a node JVM. */
    public static final String DEFAULT_MAX_HEAP = "512m";

    private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);

    private static final String INITIAL_HEAP = "256m";
    private static final String ENVIRONMENT_PREFIX = "CAIRN_";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_TAIL_LINES = 40;

    private final int index;
    private final int httpPort;
    private final int memberPort;
    private final Path settingsFile;
    private final Path logFile;
    private final String classpath;
    private final String maxHeap;
    private final HealthClient health;

    private Process process;

    /**
     * @param index node number, used in the log file name
     * @param httpPort port of the HTTP server (health, metrics, admin API)
     * @param memberPort Hazelcast member port
     * @param settingsFile Cairn settings YAML
     * @param workDirectory directory for the log file
     * @param classpath classpath of the node JVM; null means this JVM's classpath
     * @param maxHeap maximum heap as for {@code -Xmx}, for example {@code 512m}; null means {@value #DEFAULT_MAX_HEAP}
     */
    public NodeProcess(int index, int httpPort, int memberPort, Path settingsFile, Path workDirectory,
                       String classpath, String maxHeap) {
        this.index = index;
        this.httpPort = httpPort;
        this.memberPort = memberPort;
        this.settingsFile = Objects.requireNonNull(settingsFile, "settingsFile");
        this.logFile = workDirectory.resolve("node-" + index + ".log");
        this.classpath = classpath != null ? classpath : System.getProperty("java.class.path");
        this.maxHeap = maxHeap != null ? maxHeap : DEFAULT_MAX_HEAP;
        this.health = new HealthClient(URI.create("http://" + LoopbackPorts.LOOPBACK + ":" + httpPort));
    }

    /**
     * Starts the node JVM and returns without waiting for it to join; see {@link #awaitReady(Duration)}.
     *
     * @throws IllegalStateException if this node's JVM is still running
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Node " + index + " is already running as pid " + process.pid());
        }

        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Inherited CAIRN_* variables would override the settings file, and the loader rejects unknown ones.
        builder.environment().keySet().removeIf(name -> name.startsWith(ENVIRONMENT_PREFIX));
        builder.environment().put("HZ_PHONE_HOME_ENABLED", "false");
        builder.environment().put("CAIRN_MEMBER_PORT", Integer.toString(memberPort));

        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to start node " + index + " (" + MAIN_CLASS + "); check the java executable "
                    + javaExecutable(), e);
        }
        log.info("Started node {} as pid {}: HTTP port {}, member port {}, log {}",
                index, process.pid(), httpPort, memberPort, logFile);
    }

    /**
     * Waits until the node's readiness endpoint returns 200: its member has joined and its
     * partitions are safe.
     *
     * @throws IllegalStateException if the JVM exits first or the timeout passes; the message contains the end of the node's log
     */
    public void awaitReady(Duration timeout) {
        try {
            Awaitility.await("readiness of node " + index + " on HTTP port " + httpPort)
                    .atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> {
                        if (!isAlive()) {
                            throw new IllegalStateException("Node " + index + " exited with code " + exitCode()
                                    + " before it was ready; end of " + logFile + ":\n" + logTail());
                        }
                        return health.isReady();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Node " + index + " (pid " + pidOrMinusOne() + ") was not ready within "
                    + timeout.toSeconds() + " s; end of " + logFile + ":\n" + logTail(), e);
        }
        log.info("Node {} is ready on HTTP port {}", index, httpPort);
    }

    /** Sends SIGKILL to the node JVM and waits for it to exit. Does nothing if it is not running. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            return;
        }

        long pid = process.pid();
        process.destroyForcibly();
        waitForExit(KILL_WAIT);
        log.info("Killed node {} (pid {}) with SIGKILL", index, pid);
    }

    /** Stops the node as {@link #stop(Duration)} does, with a timeout of 90 s. */
    public int stop() {
        return stop(DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Sends SIGTERM to the node JVM, which flushes, hands its partitions over and exits, and waits
     * up to {@code timeout} for it.
     *
     * @return the exit code, or -1 if the node was not running
     * @throws IllegalStateException if the node is still running after the timeout; it is left running
     */
    public synchronized int stop(Duration timeout) {
        if (process == null) {
            return -1;
        }
        if (!process.isAlive()) {
            return process.exitValue();
        }

        long pid = process.pid();
        process.destroy();
        if (!waitForExit(timeout)) {
            throw new IllegalStateException("Node " + index + " (pid " + pid + ") did not exit within " + timeout.toSeconds()
                    + " s after SIGTERM; see " + logFile);
        }

        int exitCode = process.exitValue();
        log.info("Stopped node {} (pid {}) after SIGTERM; exit code {}", index, pid, exitCode);
        return exitCode;
    }

    /** Returns the process id of the current or last JVM, or -1 if the node never started. */
    public synchronized long pid() {
        return pidOrMinusOne();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Returns the exit code of the last JVM, or null if it is running or never started. */
    public synchronized Integer exitCode() {
        if (process == null || process.isAlive()) {
            return null;
        }
        return process.exitValue();
    }

    public int index() {
        return index;
    }

    public int httpPort() {
        return httpPort;
    }

    public int memberPort() {
        return memberPort;
    }

    /** Member address as {@code 127.0.0.1:port}. */
    public String memberAddress() {
        return LoopbackPorts.LOOPBACK + ":" + memberPort;
    }

    /** Base URI of the node's HTTP server. */
    public URI httpUri() {
        return health.baseUri();
    }

    public Path logFile() {
        return logFile;
    }

    /** Fetches {@code /actuator/health} of this node. */
    public NodeHealth health() {
        return health.fetch();
    }

    @Override
    public String toString() {
        return "NodeProcess{index=" + index + ", pid=" + pidOrMinusOne() + ", httpPort=" + httpPort
                + ", memberPort=" + memberPort + '}';
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xms" + INITIAL_HEAP);
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        command.add("-Dhazelcast.phone.home.enabled=false");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.add("--cairn.config=" + settingsFile.toAbsolutePath());
        command.add("--server.port=" + httpPort);
        return command;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for node " + index + " (pid " + process.pid()
                    + ") to exit", e);
        }
    }

    private long pidOrMinusOne() {
        return process == null ? -1 : process.pid();
    }

    /** Last lines of the node's log, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log " + logFile + " not readable: " + e.getMessage() + ")";
        }
    }
}
