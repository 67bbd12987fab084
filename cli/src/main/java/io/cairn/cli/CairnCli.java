package io.cairn.cli;

import io.cairn.cli.admin.DrainCommand;
import io.cairn.cli.admin.FlushCommand;
import io.cairn.cli.admin.MembersCommand;
import io.cairn.cli.admin.ShardsCommand;
import io.cairn.cli.admin.StateCommand;
import io.cairn.cli.demo.DemoCommand;
import io.cairn.cli.local.LocalCommand;
import io.cairn.cli.status.StatusCommand;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cairn} command line: {@code demo}, {@code local} and {@code status}, and the admin
 * commands {@code members}, {@code shards}, {@code flush}, {@code state} and {@code drain}.
 *
 * <p>Every process that a subcommand starts is stopped when the command exits, on Ctrl-C too.
 */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        version = "cairn 0.1.0-SNAPSHOT",
        description = "Runs and inspects Cairn clusters on this machine (127.0.0.1 only).",
        subcommands = {DemoCommand.class, LocalCommand.class, StatusCommand.class, MembersCommand.class,
                ShardsCommand.class, FlushCommand.class, StateCommand.class, DrainCommand.class,
                CommandLine.HelpCommand.class})
public final class CairnCli implements Runnable {

    /** System property with the repository directory; the launcher script sets it, else the working directory is used. */
    public static final String HOME_PROPERTY = "cairn.home";

    private static final String LOGGING_CONFIG = "cairn-cli-logback.xml";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        configureJvm();
        int exitCode = new CommandLine(new CairnCli()).execute(args);
        System.exit(exitCode);
    }

    /** Repository directory: the {@value #HOME_PROPERTY} system property, else the working directory. */
    public static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        return Path.of(home != null ? home : "").toAbsolutePath();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Sets logging and Hazelcast properties before the first logger or client exists. The CLI's
     * logging file has its own name so that node JVMs, which share the CLI's classpath, keep the
     * node's logging configuration.
     */
    private static void configureJvm() {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "slf4j");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING_CONFIG);
        }
    }
}
