package io.cairn.cli.trace;

/** Operation of one request in Meta's kvcache trace format. */
public enum KvCacheOp {
    /** Read. */
    GET,
    /** Read that takes a lease on a miss, so one client fills the key and others wait. */
    GET_LEASE,
    /** Write. */
    SET,
    /** Write that fills a key under the lease of an earlier {@link #GET_LEASE}. */
    SET_LEASE,
    /** Removal. */
    DELETE;

    /** True for {@link #SET} and {@link #SET_LEASE}. */
    public boolean isWrite() {
        return this == SET || this == SET_LEASE;
    }
}
