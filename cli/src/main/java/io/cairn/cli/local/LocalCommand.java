package io.cairn.cli.local;

import io.cairn.cli.CairnCli;
import io.cairn.testkit.LocalCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code cairn local}: starts a cluster for development and keeps it until Ctrl-C.
 *
 * <p>While it runs, {@code run/local.json} in the repository directory lists the processes; on
 * exit the nodes and shards are stopped (shard data is deleted) and the file is removed.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
                "Runs a local cluster for development until Ctrl-C.",
                "Starts 2 PostgreSQL shards and 3 nodes on 127.0.0.1, writes run/local.json and keeps them",
                "running until Ctrl-C. Logs go to run/local/. Shard data is deleted on exit."})
public final class LocalCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(LocalCommand.class);

    private static final int NODES = 3;
    private static final int SHARDS = 2;
    private static final int BACKUP_COUNT = 1;
    private static final String[] CACHES = {"default", "demo"};

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path home = CairnCli.home();
        Path runFile = LocalRunFile.path(home);
        Path workDirectory = home.resolve("run").resolve("local");

        Optional<Long> owner = runningOwner(runFile);
        if (owner.isPresent()) {
            System.err.printf("A local cluster already runs from process %d (see %s). Stop it with Ctrl-C in its terminal first.%n",
                    owner.get(), runFile);
            return 1;
        }

        out.printf("Starting %d PostgreSQL shards and %d nodes; logs in %s%n", SHARDS, NODES, workDirectory);
        LocalCluster.Builder builder = LocalCluster.builder()
                .nodes(NODES)
                .shards(SHARDS)
                .workDirectory(workDirectory);
        for (String cache : CACHES) {
            builder.cache(cache, BACKUP_COUNT);
        }
        LocalCluster cluster = builder.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(cluster, runFile, stopped, out), "cairn-local-shutdown"));

        LocalRunFile description = LocalRunFile.describe(cluster);
        description.write(runFile);
        printConnectionHelp(description, cluster, runFile, out);

        // Ctrl-C ends the JVM through its shutdown hooks; this thread only keeps the command open until then.
        stopped.await();
        return 0;
    }

    private static void stop(LocalCluster cluster, Path runFile, CountDownLatch stopped, PrintStream out) {
        out.println();
        out.println("Stopping nodes and shards...");
        try {
            cluster.close();
            out.println("Stopped.");
        } catch (RuntimeException e) {
            log.error("Failed to stop local cluster {}; check for leftover java and postgres processes", cluster.clusterName(), e);
        } finally {
            deleteQuietly(runFile);
            stopped.countDown();
        }
    }

    /** Returns the pid of a live process that owns an existing run file. */
    private static Optional<Long> runningOwner(Path runFile) {
        if (!Files.exists(runFile)) {
            return Optional.empty();
        }
        try {
            long pid = LocalRunFile.read(runFile).cliPid();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (alive) {
                return Optional.of(pid);
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring unreadable run file {}: {}", runFile, e.getMessage());
        }
        log.warn("Replacing stale run file {}; the process that wrote it is gone", runFile);
        return Optional.empty();
    }

    private static void printConnectionHelp(LocalRunFile description, LocalCluster cluster, Path runFile, PrintStream out) {
        out.println();
        out.printf("Local cluster %s is running.%n", description.clusterName());
        out.println("Nodes:");
        for (LocalRunFile.Node node : description.nodes()) {
            out.printf("  node %d  pid %-7d  member %-16s  %s/actuator/health  log %s%n",
                    node.index(), node.pid(), node.memberAddress(), node.httpUrl(), node.logFile());
        }
        out.println("Shards (role " + description.shards().stream().map(LocalRunFile.Shard::username).findFirst().orElse("cairn")
                + ", no password needed from 127.0.0.1):");
        for (LocalRunFile.Shard shard : description.shards()) {
            out.printf("  %-8s %s   psql -h 127.0.0.1 -p %d -U %s cairn%n", shard.name(), shard.jdbcUrl(), shard.port(),
                    shard.username());
        }
        out.printf("Settings: %s%n", description.settingsFile());
        out.printf("Run file: %s (readable by you only, because it contains the admin token)%n", runFile);
        out.println();
        out.println("Connect from Java:");
        out.printf("  CairnClient.builder().clusterName(\"%s\")%n", description.clusterName());
        out.printf("      .addresses(%s).build()%n", cluster.memberAddresses().stream()
                .map(address -> '"' + address + '"')
                .collect(Collectors.joining(", ")));
        out.println("Caches: " + String.join(", ", CACHES));
        out.println();
        out.println("Check health with: ./cairn status");
        out.println("Admin commands (./cairn members, shards, flush, state, drain) read the admin token from the run file;");
        out.printf("for curl: curl -H \"Authorization: Bearer $(jq -r .adminToken %s)\" %s/admin/cluster%n", runFile,
                description.nodes().get(0).httpUrl());
        out.printf("Status page: %s/status%n", description.nodes().get(0).httpUrl());
        out.println("Press Ctrl-C to stop the nodes and shards.");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Failed to delete {}; delete it by hand", file, e);
        }
    }
}
