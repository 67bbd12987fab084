package io.cairn.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and classifies network addresses in settings without any DNS lookup, so that validation
 * never touches the network.
 */
final class Addresses {

    static final int MIN_PORT = 1;

    static final int MAX_PORT = 65_535;

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private static final Pattern HOSTNAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private Addresses() {
    }

    /**
     * A parsed {@code host:port}.
     *
     * @param host host name or IP address, IPv6 without brackets
     * @param port port as written; it may be out of range
     */
    record HostPort(String host, int port) {
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}; returns empty when the text has another form. */
    static Optional<HostPort> parseHostPort(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf("]:");
            if (close < 0) {
                return Optional.empty();
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
            if (!IPV6.matcher(host).matches()) {
                return Optional.empty();
            }
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0 || trimmed.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
            if (!isHost(host)) {
                return Optional.empty();
            }
        }
        if (!DIGITS.matcher(port).matches()) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, Integer.parseInt(port)));
    }

    static boolean isPortInRange(int port) {
        return port >= MIN_PORT && port <= MAX_PORT;
    }

    /** True for a host name, an IPv4 address or an unbracketed IPv6 address. */
    static boolean isHost(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (isIpLiteral(text)) {
            return true;
        }
        boolean looksNumeric = text.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        return !looksNumeric && HOSTNAME.matcher(text).matches();
    }

    /** True for an IPv4 address with octets up to 255, or an unbracketed IPv6 address. */
    static boolean isIpLiteral(String text) {
        if (text == null) {
            return false;
        }
        var ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(text).matches() && text.chars().filter(c -> c == ':').count() >= 2;
    }

    static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    static boolean isLoopback(String address) {
        return address.startsWith("127.") && isIpLiteral(address)
                || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1")
                || address.equalsIgnoreCase("localhost");
    }
}
