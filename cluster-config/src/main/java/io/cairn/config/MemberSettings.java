package io.cairn.config;

/**
 * @param bindAddress interface the member listens on; 127.0.0.1 by default
 * @param port member port
 * @param publicAddress address other members and clients use to reach this one, or null for the bind address
 */
public record MemberSettings(String bindAddress, int port, String publicAddress) {
}
