package io.cairn.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports that are free on 127.0.0.1.
 *
 * <p>Ports come from a range below the Linux ephemeral range (32768 and up by default), so an
 * outgoing connection cannot take a port that is reserved here for a node or shard that starts
 * later, for example a spare member address or a shard that is stopped and started again.
 */
final class LoopbackPorts {

    static final String LOOPBACK = "127.0.0.1";

    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT_EXCLUSIVE = 32_000;
    private static final int MAX_ATTEMPTS = 1_000;

    private LoopbackPorts() {
    }

    /** Returns {@code count} distinct ports that were free on 127.0.0.1 when checked. */
    static List<Integer> pick(int count) {
        Set<Integer> ports = new LinkedHashSet<>();

        for (int attempt = 0; attempt < MAX_ATTEMPTS && ports.size() < count; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT_EXCLUSIVE);
            if (!ports.contains(candidate) && isFree(candidate)) {
                ports.add(candidate);
            }
        }

        if (ports.size() < count) {
            throw new IllegalStateException("Found only " + ports.size() + " of " + count
                    + " free ports on " + LOOPBACK + " between " + FIRST_PORT + " and " + LAST_PORT_EXCLUSIVE
                    + " after " + MAX_ATTEMPTS + " attempts; stop leftover test processes and retry");
        }
        return new ArrayList<>(ports);
    }

    static int pickOne() {
        return pick(1).get(0);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
