package io.cairn.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code cairn flush}: writes every dirty entry to PostgreSQL now. */
@Command(
        name = "flush",
        mixinStandardHelpOptions = true,
        description = {
                "Writes every dirty entry to PostgreSQL now and prints the counts per member.",
                "Asks every member through one node (POST /admin/flush?cluster=true), or only that node with --local.",
                "Exit code: 0 when no owned entry is left dirty, 1 otherwise, 2 on usage errors."})
public final class FlushCommand extends AdminCommand {

    private static final String ROW = "%-22s %12s %12s %12s %-9s%n";

    @Option(names = "--local", description = "Flush only the node named by --node.")
    boolean local;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Maximum seconds each member flushes (1 to 600). Default: cairn.write-behind.shutdown-flush-timeout.")
    Integer timeoutSeconds;

    @Override
    int run(AdminClient client, PrintWriter out) {
        String path = "/admin/flush?cluster=" + !local + (timeoutSeconds == null ? "" : "&timeoutSeconds=" + timeoutSeconds);
        JsonNode body = client.post(path, null);
        boolean complete = local ? body.path("result").path("complete").asBoolean() : body.path("complete").asBoolean();
        if (options.json) {
            printJson(body, out);
            return complete ? 0 : AdminCommandException.FAILED;
        }

        out.printf(ROW, "MEMBER", "DIRTY BEFORE", "WRITTEN", "REMAINING", "COMPLETE");
        if (local) {
            printMember(body, out);
        } else {
            for (JsonNode answer : body.path("members").values()) {
                if (answer.hasNonNull("value")) {
                    printMember(answer.path("value"), out);
                } else {
                    out.printf(ROW, answer.path("member").asString(), "-", "-", "-", "no answer");
                    out.printf("  %s%n", answer.path("error").asString());
                }
            }
        }
        out.println(complete ? "Every owned dirty entry is written." : "Some entries are still dirty: run 'cairn shards' "
                + "to see which shard holds them back.");
        out.flush();
        return complete ? 0 : AdminCommandException.FAILED;
    }

    private static void printMember(JsonNode flush, PrintWriter out) {
        JsonNode result = flush.path("result");
        out.printf(ROW, flush.path("member").asString(), Tables.count(result.path("dirtyBefore").asLong()),
                Tables.count(result.path("rowsWritten").asLong()), Tables.count(result.path("remaining").asLong()),
                result.path("complete").asBoolean() ? "yes" : "no");
    }
}
