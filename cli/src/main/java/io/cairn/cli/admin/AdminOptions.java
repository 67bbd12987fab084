package io.cairn.cli.admin;

import io.cairn.cli.CairnCli;
import io.cairn.cli.local.LocalRunFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options shared by the admin commands: which node to call, the admin token, and the output format. */
public final class AdminOptions {

    /** Environment variable with the admin token, the same one the nodes read. */
    static final String TOKEN_VARIABLE = "CAIRN_ADMIN_TOKEN";

    private static final Pattern INDEX = Pattern.compile("\\d+");
    private static final Pattern HOST_PORT = Pattern.compile("[^:/\\s]+:\\d{1,5}");

    @Option(names = "--node", paramLabel = "NODE",
            description = "Node to call: its index in run/local.json, host:port of its HTTP server, or a URL. "
                    + "Default: node 0 of run/local.json.")
    String node;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Admin bearer token. Default: $" + TOKEN_VARIABLE + ", then the token in run/local.json. "
                    + "Prefer the environment variable: other users can see command-line arguments.")
    String token;

    @Option(names = "--json", description = "Print the node's JSON response instead of tables.")
    boolean json;

    /** Returns the base URI of the node named by {@code --node}, or node 0 of the run file. */
    URI nodeUri() {
        return resolveNode(node == null ? "0" : node);
    }

    /** Returns the base URI of {@code node}: an index in run/local.json, host:port, or a URL. */
    static URI resolveNode(String node) {
        String trimmed = node.trim();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            return URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        }
        if (HOST_PORT.matcher(trimmed).matches()) {
            return URI.create("http://" + trimmed);
        }
        if (INDEX.matcher(trimmed).matches()) {
            List<LocalRunFile.Node> nodes = runFile().nodes();
            int index = Integer.parseInt(trimmed);
            return nodes.stream()
                    .filter(candidate -> candidate.index() == index)
                    .findFirst()
                    .map(candidate -> URI.create(candidate.httpUrl()))
                    .orElseThrow(() -> new AdminCommandException(AdminCommandException.USAGE, "No node " + index
                            + " in " + runFilePath() + "; it lists nodes " + nodes.stream().map(LocalRunFile.Node::index).toList()));
        }
        throw new AdminCommandException(AdminCommandException.USAGE, "Invalid node '" + node
                + "': give an index from run/local.json, host:port of the node's HTTP server, or a URL such as "
                + "http://127.0.0.1:8080");
    }

    /** Returns the token from {@code --token}, the environment, or run/local.json. */
    String token() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String fromEnvironment = System.getenv(TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        Path runFile = runFilePath();
        if (Files.exists(runFile)) {
            String stored = LocalRunFile.read(runFile).adminToken();
            if (stored != null && !stored.isBlank()) {
                return stored;
            }
        }
        throw new AdminCommandException(AdminCommandException.USAGE, "No admin token: pass --token, set "
                + TOKEN_VARIABLE + ", or run './cairn local', which stores its token in " + runFile);
    }

    static Path runFilePath() {
        return LocalRunFile.path(CairnCli.home());
    }

    private static LocalRunFile runFile() {
        Path runFile = runFilePath();
        if (!Files.exists(runFile)) {
            throw new AdminCommandException(AdminCommandException.USAGE, "No local cluster found: " + runFile
                    + " does not exist. Start one with './cairn local', or pass --node host:port");
        }
        return LocalRunFile.read(runFile);
    }
}
