package io.cairn.node.monitoring;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Prometheus server on 127.0.0.1 that scrapes the given targets' {@code /actuator/prometheus}
 * every second, with its data in a directory of its own. {@link #close()} stops it by pid.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusServer.class);

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path logFile;

    private PrometheusServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Writes the configuration for {@code targets} (host:port each) into {@code directory} and starts Prometheus. */
    static PrometheusServer start(Path directory, List<String> targets) throws IOException {
        Path executable = Tools.executable("prometheus");
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, config(targets), StandardCharsets.UTF_8);
        Path data = Files.createDirectories(directory.resolve("data"));
        Path logFile = directory.resolve("prometheus.log");
        int port = freeLoopbackPort();

        Process process = new ProcessBuilder(executable.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--web.listen-address=" + LOOPBACK + ":" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        LOG.info("Started Prometheus as pid {} on {}:{}, scraping {}", process.pid(), LOOPBACK, port, targets);
        return new PrometheusServer(process, port, logFile);
    }

    static String config(List<String> targets) {
        String targetList = targets.stream().map(target -> "'" + target + "'").collect(Collectors.joining(", "));
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: cairn
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                """.formatted(targetList);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://" + LOOPBACK + ":" + port + pathAndQuery);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(log " + logFile + " not readable: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM to Prometheus and waits for it to exit; sends SIGKILL if it does not exit in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Prometheus (pid {}) did not exit within {} s after SIGTERM; sending SIGKILL", process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("Stopped Prometheus (pid {})", process.pid());
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on " + LOOPBACK, e);
        }
    }
}
