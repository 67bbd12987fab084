package io.cairn.client;

/** Checks the syntax of member addresses given to {@link CairnClientBuilder}. */
final class Addresses {

    private static final int MAX_PORT = 65_535;

    private Addresses() {
    }

    /**
     * Returns what is wrong with {@code address}, or null when it is {@code host}, {@code host:port},
     * a bare IPv6 address or {@code [ipv6]:port} with a port from 1 to 65535.
     */
    static String problem(String address) {
        if (address == null || address.isBlank()) {
            return "an address is empty: give each member as host:port";
        }
        if (address.chars().anyMatch(Character::isWhitespace)) {
            return "address " + Keys.describe(address) + " contains whitespace: give it as host:port";
        }

        String port = portPart(address);
        if (port == null) {
            return null;
        }
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > MAX_PORT) {
            return "address " + Keys.describe(address) + " has an invalid port: use a port from 1 to " + MAX_PORT;
        }
        return null;
    }

    /** Returns the text after the port separator, or null when the address has no port. */
    private static String portPart(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0 || end + 1 == address.length()) {
                return null;
            }
            return address.charAt(end + 1) == ':' ? address.substring(end + 2) : "";
        }

        int colon = address.indexOf(':');
        if (colon < 0 || colon != address.lastIndexOf(':')) {
            return null;
        }
        return address.substring(colon + 1);
    }
}
