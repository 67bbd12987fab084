package io.cairn.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the settings of a {@link CairnClient}. Setters only record values, and {@link #build()}
 * validates all of them at once and reports every invalid setting in one exception.
 *
 * <p>Only the cluster name and at least one member address are required:
 *
 * <pre>{@code
 * CairnClient client = CairnClient.builder()
 *         .clusterName("cairn")
 *         .addresses("10.0.0.1:5701", "10.0.0.2:5701")
 *         .build();
 * }</pre>
 */
public final class CairnClientBuilder {

    /** Default maximum wait for the first connection to the cluster. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Default maximum duration of one call. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

    /** Default maximum key length: 512 bytes in UTF-8. */
    public static final int DEFAULT_MAX_KEY_BYTES = 512;

    /** Default maximum value size: 1 MiB of UTF-8 JSON. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    /** Longest accepted timeout; use zero to wait without limit. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    /**
     * Key length above which a WARN is logged: a PostgreSQL B-tree index entry must fit in about a
     * third of an 8 KiB page (2704 bytes), and the key column is indexed.
     */
    static final int WARN_KEY_BYTES = 2048;

    /** Value size above which a WARN is logged, because such values slow replication and flushes. */
    static final int WARN_VALUE_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CairnClientBuilder.class);

    private String clusterName;
    private List<String> addresses = List.of();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private ObjectMapper objectMapper;
    private int maxKeyBytes = DEFAULT_MAX_KEY_BYTES;
    private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;

    CairnClientBuilder() {
    }

    /** Sets the Hazelcast cluster name that the members use. Required. */
    public CairnClientBuilder clusterName(String clusterName) {
        this.clusterName = clusterName;
        return this;
    }

    /**
     * Sets the member addresses to connect to, each {@code host} or {@code host:port} (IPv6 as
     * {@code [address]:port}). Required. One reachable member is enough: the client learns the
     * others from it. Replaces addresses set earlier.
     */
    public CairnClientBuilder addresses(String... addresses) {
        this.addresses = addresses == null ? null : Arrays.asList(addresses.clone());
        return this;
    }

    /** Sets the member addresses; see {@link #addresses(String...)}. */
    public CairnClientBuilder addresses(List<String> addresses) {
        this.addresses = addresses == null ? null : new ArrayList<>(addresses);
        return this;
    }

    /**
     * Sets how long {@link #build()} waits for the first connection to the cluster before it fails
     * with {@link CairnUnavailableException}. Default 30 seconds, at most one day, and zero waits
     * without limit. Later disconnections do not use this timeout: the client reconnects forever.
     */
    public CairnClientBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /**
     * Sets the maximum duration of one cache call, including a read-through load. A call that
     * exceeds it fails with {@link CairnTimeoutException}, or with
     * {@link CairnUnavailableException} when the client is disconnected. Default 10 seconds, at
     * most one day, and zero means no limit, so calls wait until the cluster responds or is back.
     */
    public CairnClientBuilder operationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
        return this;
    }

    /**
     * Sets the Jackson mapper that maps values to JSON and back. Default: a {@link JsonMapper}
     * with the Jackson modules found on the class path.
     */
    public CairnClientBuilder objectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        return this;
    }

    /**
     * Sets the maximum key length in UTF-8 bytes. Default 512. Match the members' limit, because
     * they reject longer keys too.
     */
    public CairnClientBuilder maxKeyBytes(int maxKeyBytes) {
        this.maxKeyBytes = maxKeyBytes;
        return this;
    }

    /**
     * Sets the maximum size of a value's JSON in UTF-8 bytes. Default 1 MiB (1048576 bytes).
     * Match the members' limit, because they reject larger values too.
     */
    public CairnClientBuilder maxValueBytes(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
        return this;
    }

    /**
     * Validates the settings, connects to the cluster and returns the client.
     *
     * @throws IllegalArgumentException listing every invalid setting
     * @throws CairnUnavailableException when no member accepted a connection within the connect timeout
     */
    public CairnClient build() {
        ClientOptions options = validate();
        warnAboutRiskyValues(options);
        return CairnClient.connect(options);
    }

    ClientOptions validate() {
        List<String> problems = new ArrayList<>();

        if (clusterName == null || clusterName.isBlank()) {
            problems.add("clusterName is missing: set the cluster name that the members use");
        }

        if (addresses == null || addresses.isEmpty()) {
            problems.add("addresses is empty: set at least one member address as host:port");
        } else {
            for (String address : addresses) {
                String problem = Addresses.problem(address);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }

        checkTimeout("connectTimeout", connectTimeout, problems);
        checkTimeout("operationTimeout", operationTimeout, problems);

        if (maxKeyBytes < 1) {
            problems.add("maxKeyBytes is " + maxKeyBytes + ": set a positive number of UTF-8 bytes");
        }
        if (maxValueBytes < 1) {
            problems.add("maxValueBytes is " + maxValueBytes + ": set a positive number of UTF-8 bytes");
        }

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid CairnClient settings: " + String.join("; ", problems));
        }

        ObjectMapper mapper = objectMapper != null ? objectMapper : JsonMapper.builder().findAndAddModules().build();
        return new ClientOptions(clusterName, List.copyOf(addresses), connectTimeout, operationTimeout, mapper,
                maxKeyBytes, maxValueBytes);
    }

    private static void checkTimeout(String setting, Duration timeout, List<String> problems) {
        if (timeout == null) {
            problems.add(setting + " is null: set a duration, or Duration.ZERO for no limit");
        } else if (timeout.isNegative()) {
            problems.add(setting + " is " + timeout + ": set a positive duration, or Duration.ZERO for no limit");
        } else if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(setting + " is " + timeout + ", above the maximum of " + MAX_TIMEOUT
                    + ": set a shorter duration, or Duration.ZERO for no limit");
        }
    }

    private static void warnAboutRiskyValues(ClientOptions options) {
        if (options.connectTimeout().isZero()) {
            LOG.warn("connectTimeout is zero: building the client for {} waits without limit until a member answers",
                    options.clusterDescription());
        }
        if (options.operationTimeout().isZero()) {
            LOG.warn("operationTimeout is zero: calls to {} wait without limit while the cluster is unreachable",
                    options.clusterDescription());
        }
        if (options.maxKeyBytes() > WARN_KEY_BYTES) {
            LOG.warn("maxKeyBytes is {}: keys above {} bytes may not fit a PostgreSQL B-tree index entry",
                    options.maxKeyBytes(), WARN_KEY_BYTES);
        }
        if (options.maxValueBytes() > WARN_VALUE_BYTES) {
            LOG.warn("maxValueBytes is {}: values above {} bytes slow replication and write-behind",
                    options.maxValueBytes(), WARN_VALUE_BYTES);
        }
    }
}
