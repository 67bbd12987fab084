package io.cairn.node.admin;

import com.hazelcast.cluster.Member;

/** Formats member addresses the way the admin API shows them. */
final class AdminAddresses {

    private AdminAddresses() {
    }

    /** Returns {@code host:port} of the member's cluster address. */
    static String of(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
