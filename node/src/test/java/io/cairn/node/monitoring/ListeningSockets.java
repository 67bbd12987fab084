package io.cairn.node.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Lists the TCP sockets that one Linux process listens on, from {@code /proc}: the socket inodes
 * among its open file descriptors, matched against the LISTEN entries of its network namespace.
 */
final class ListeningSockets {

    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {
    }

    static List<InetSocketAddress> of(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = socketInodes(process.resolve("fd"));

        List<InetSocketAddress> listening = new ArrayList<>();
        listening.addAll(read(process.resolve("net/tcp"), inodes));
        listening.addAll(read(process.resolve("net/tcp6"), inodes));
        return listening;
    }

    private static Set<String> socketInodes(Path fdDirectory) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(fdDirectory)) {
            for (Path descriptor : descriptors) {
                String target = readLinkOrEmpty(descriptor);
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list the open files of " + fdDirectory.getParent(), e);
        }
        return inodes;
    }

    private static String readLinkOrEmpty(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private static List<InetSocketAddress> read(Path table, Set<String> inodes) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (!Files.exists(table)) {
            return addresses;
        }
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // Fields: sl, local_address, rem_address, st, tx:rx queue, tr:tm->when, retrnsmt, uid, timeout, inode.
                if (fields.length > 9 && fields[3].equals(LISTEN_STATE) && inodes.contains(fields[9])) {
                    addresses.add(decode(fields[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + table, e);
        }
        return addresses;
    }

    /** Decodes {@code HEXADDRESS:HEXPORT}; the address is stored as 32-bit words in little-endian order. */
    private static InetSocketAddress decode(String field) {
        String[] parts = field.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Malformed socket address in /proc: " + field, e);
        }
    }
}
