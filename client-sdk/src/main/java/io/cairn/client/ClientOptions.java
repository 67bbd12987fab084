package io.cairn.client;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;

/**
 * Validated settings of a {@link CairnClient}, as produced by {@link CairnClientBuilder#build()}.
 *
 * @param clusterName Hazelcast cluster name
 * @param addresses member addresses as {@code host} or {@code host:port}
 * @param connectTimeout maximum wait for the first connection, or zero to wait without limit
 * @param operationTimeout maximum duration of one call, or zero for no limit
 * @param objectMapper Jackson mapper for values
 * @param maxKeyBytes maximum key length in UTF-8 bytes
 * @param maxValueBytes maximum JSON value size in UTF-8 bytes
 */
record ClientOptions(
        String clusterName,
        List<String> addresses,
        Duration connectTimeout,
        Duration operationTimeout,
        ObjectMapper objectMapper,
        int maxKeyBytes,
        int maxValueBytes) {

    /** Renders the cluster for log lines and messages: its name and member addresses. */
    String clusterDescription() {
        return "cluster '" + clusterName + "' at " + String.join(", ", addresses);
    }
}
