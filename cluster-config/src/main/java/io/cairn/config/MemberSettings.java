package io.cairn.config;

/**
 * @param bindAddress interface the member listens on; 127.0.0.1 by default
 * @param port member port
 * @param publicAddress address other members and clients use to reach this one, or null for the bind address
 */
public record MemberSettings(String bindAddress, int port, String publicAddress) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public static final int DEFAULT_PORT = 5701;

    public static final String DEFAULT_PUBLIC_ADDRESS = null;

    /** Returns a member bound to 127.0.0.1:5701. */
    public static MemberSettings defaults() {
        return new MemberSettings(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, DEFAULT_PUBLIC_ADDRESS);
    }
}
