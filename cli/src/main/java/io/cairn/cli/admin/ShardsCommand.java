package io.cairn.cli.admin;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code cairn shards}: the write-behind state of every shard on every member. */
@Command(
        name = "shards",
        mixinStandardHelpOptions = true,
        description = {
                "Shows each PostgreSQL shard as each member sees it: circuit state, dirty backlog, age of the oldest",
                "dirty entry, rows flushed and dead letters. Reads GET /admin/shards?cluster=true of one node.",
                "Exit code: 0 when every member responded, 1 otherwise, 2 on usage errors."})
public final class ShardsCommand extends AdminCommand {

    private static final String ROW = "%-22s %-12s %-10s %9s %10s %12s %14s %13s%n";

    @Override
    int run(AdminClient client, PrintWriter out) {
        JsonNode body = client.get("/admin/shards?cluster=true");
        boolean allAnswered = true;
        for (JsonNode member : body.path("members").values()) {
            allAnswered &= !member.has("error");
        }
        if (options.json) {
            printJson(body, out);
            return allAnswered ? 0 : AdminCommandException.FAILED;
        }

        out.printf(ROW, "MEMBER", "SHARD", "CIRCUIT", "FAILURES", "DIRTY", "OLDEST (s)", "ROWS FLUSHED", "DEAD LETTERS");
        boolean anyShard = false;
        for (JsonNode member : body.path("members").values()) {
            String address = member.path("member").asString();
            if (member.has("error")) {
                out.printf(ROW, address, "-", "NO ANSWER", "-", "-", "-", "-", "-");
                continue;
            }
            for (JsonNode shard : member.path("shards").values()) {
                anyShard = true;
                out.printf(ROW, address, shard.path("name").asString(), shard.path("circuit").asString(),
                        shard.path("consecutiveFailures").asInt(), Tables.count(shard.path("dirtyEntries").asLong()),
                        Tables.seconds(shard.path("oldestDirtyAgeMillis").asLong()),
                        Tables.count(shard.path("rowsFlushed").asLong()), Tables.count(shard.path("deadLetters").asLong()));
            }
        }
        if (!anyShard) {
            out.println("(no shard: the members keep data in memory only)");
        }
        for (JsonNode member : body.path("members").values()) {
            if (member.has("error")) {
                out.printf("No answer from %s: %s%n", member.path("member").asString(), member.path("error").asString());
            }
        }
        out.flush();
        return allAnswered ? 0 : AdminCommandException.FAILED;
    }
}
