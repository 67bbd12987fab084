package io.cairn.cli.admin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/**
 * Base of the admin commands: resolves the node and the token, runs the command, and turns a
 * failure into a message on standard error and exit code 1 (node error) or 2 (usage).
 */
abstract class AdminCommand implements Callable<Integer> {

    @Mixin
    AdminOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return run(new AdminClient(targetNode(), options.token()), spec.commandLine().getOut());
        } catch (AdminCommandException e) {
            spec.commandLine().getErr().println("cairn " + spec.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return e.exitCode();
        }
    }

    /** Returns the node to call; {@code --node} by default. */
    java.net.URI targetNode() {
        return options.nodeUri();
    }

    /** Runs the command and returns its exit code. */
    abstract int run(AdminClient client, PrintWriter out);

    /** Prints {@code body} as indented JSON. */
    static void printJson(JsonNode body, PrintWriter out) {
        out.println(AdminClient.JSON.writeValueAsString(body));
        out.flush();
    }
}
