package io.cairn.node.admin;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import io.cairn.config.CairnSettings;
import io.cairn.node.persistence.PersistenceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin HTTP API under {@code /admin}. {@link AdminTokenFilter} checks the bearer token before
 * any handler here runs.
 */
@RestController
@RequestMapping("/admin")
final class AdminController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminController.class);

    /** Maximum flush timeout a caller may request with {@code timeoutSeconds}. */
    static final int MAX_FLUSH_TIMEOUT_SECONDS = 600;

    /** Extra wait for the results of a cluster-wide flush, beyond the flush timeout of each member. */
    static final Duration CLUSTER_RESULT_MARGIN = Duration.ofSeconds(10);

    /** Wait for the reports of all members in a cluster-wide read. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(5);

    static final List<String> SETTABLE_STATES = Arrays.stream(ClusterState.values())
            .filter(state -> state != ClusterState.IN_TRANSITION)
            .map(Enum::name)
            .toList();

    private final HazelcastInstance hazelcast;
    private final PersistenceService persistence;
    private final ClusterView clusterView;
    private final ClusterCalls clusterCalls;
    private final MemberOperations memberOperations;
    private final NodeDrain drain;
    private final Duration defaultFlushTimeout;

    AdminController(HazelcastInstance hazelcast, PersistenceService persistence, ClusterView clusterView,
                    ClusterCalls clusterCalls, MemberOperations memberOperations, NodeDrain drain,
                    CairnSettings settings) {
        this.hazelcast = hazelcast;
        this.persistence = persistence;
        this.clusterView = clusterView;
        this.clusterCalls = clusterCalls;
        this.memberOperations = memberOperations;
        this.drain = drain;
        this.defaultFlushTimeout = settings.writeBehind().shutdownFlushTimeout();
    }

    @GetMapping("/cluster")
    ClusterView.ClusterDocument cluster() {
        return clusterView.build();
    }

    @GetMapping("/maps")
    Map<String, Object> maps() {
        List<Map<String, Object>> maps = new ArrayList<>();
        MemberReport report = memberOperations.report();
        for (MemberReport.MapReport map : report.maps()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", map.name());
            line.put("localEntries", map.ownedEntries());
            line.put("clusterEntries", hazelcast.getMap(map.name()).size());
            line.put("dirtyEntries", map.dirtyEntries());
            maps.add(line);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member", report.address());
        body.put("maps", maps);
        return body;
    }

    @GetMapping("/shards")
    Map<String, Object> shards(@RequestParam(name = "cluster", defaultValue = "false") boolean cluster) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!cluster) {
            MemberReport report = memberOperations.report();
            body.put("member", report.address());
            body.put("memoryOnly", !persistence.hasShards());
            body.put("shards", report.shards());
            return body;
        }

        List<Map<String, Object>> members = new ArrayList<>();
        for (ClusterCalls.MemberAnswer<MemberReport> answer
                : clusterCalls.callAll(new MemberReportTask(), MemberReport.class, REPORT_TIMEOUT)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("member", answer.member());
            line.put("local", answer.local());
            if (answer.value() != null) {
                line.put("dirtyEntries", answer.value().dirtyEntries());
                line.put("flushRowsPerSecond", answer.value().flushRowsPerSecond());
                line.put("shards", answer.value().shards());
            } else {
                line.put("error", answer.error());
            }
            members.add(line);
        }
        body.put("members", members);
        return body;
    }

    @PostMapping("/state")
    ResponseEntity<Object> changeState(@RequestBody(required = false) Map<String, Object> request) {
        Object requested = request == null ? null : request.get("state");
        if (!(requested instanceof String text) || !SETTABLE_STATES.contains(text.trim().toUpperCase(Locale.ROOT))) {
            return AdminErrors.badRequest("Invalid cluster state " + (requested == null ? "(missing)" : "'" + requested + "'")
                    + ": send {\"state\": \"STATE\"} with STATE one of " + String.join(", ", SETTABLE_STATES));
        }

        ClusterState target = ClusterState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        ClusterState previous = hazelcast.getCluster().getClusterState();
        try {
            hazelcast.getCluster().changeClusterState(target);
        } catch (RuntimeException e) {
            LOG.warn("Change of the cluster state from {} to {} failed on member {}", previous, target,
                    hazelcast.getName(), e);
            return AdminErrors.conflict("Change of the cluster state from " + previous + " to " + target + " failed: "
                    + e.getMessage() + ". Wait until migrations finish and every member is up, then retry");
        }
        LOG.info("Cluster state changed from {} to {} by an admin request to member {}", previous, target,
                hazelcast.getName());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("previous", previous.name());
        body.put("state", hazelcast.getCluster().getClusterState().name());
        return ResponseEntity.ok(body);
    }

    @PostMapping("/flush")
    ResponseEntity<Object> flush(@RequestParam(name = "cluster", defaultValue = "false") boolean cluster,
                                 @RequestParam(name = "timeoutSeconds", required = false) Integer timeoutSeconds) {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > MAX_FLUSH_TIMEOUT_SECONDS)) {
            return AdminErrors.badRequest("Invalid timeoutSeconds " + timeoutSeconds + ": use 1 to "
                    + MAX_FLUSH_TIMEOUT_SECONDS + ", or leave it out for cairn.write-behind.shutdown-flush-timeout ("
                    + defaultFlushTimeout.toSeconds() + " s)");
        }
        Duration timeout = timeoutSeconds == null ? defaultFlushTimeout : Duration.ofSeconds(timeoutSeconds);

        if (!cluster) {
            MemberOperations.MemberFlush flush = memberOperations.flush(timeout);
            LOG.info("Admin flush on member {} wrote {} rows; {} owned dirty entries remain", flush.member(),
                    flush.result().rowsWritten(), flush.result().remaining());
            return ResponseEntity.ok(flush);
        }

        List<ClusterCalls.MemberAnswer<MemberOperations.MemberFlush>> answers = clusterCalls.callAll(
                new MemberFlushTask(timeout), MemberOperations.MemberFlush.class, timeout.plus(CLUSTER_RESULT_MARGIN));
        boolean complete = answers.stream().allMatch(answer -> answer.value() != null && answer.value().result().complete());
        long rowsWritten = answers.stream().filter(answer -> answer.value() != null)
                .mapToLong(answer -> answer.value().result().rowsWritten()).sum();
        LOG.info("Admin flush of all {} members wrote {} rows; complete: {}", answers.size(), rowsWritten, complete);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complete", complete);
        body.put("rowsWritten", rowsWritten);
        body.put("members", answers);
        return ResponseEntity.ok(body);
    }

    @PostMapping("/drain")
    ResponseEntity<Object> drain() {
        String member = AdminAddresses.of(hazelcast.getCluster().getLocalMember());
        if (!drain.start()) {
            return AdminErrors.conflict("Member " + member + " is already draining; wait for its process to exit");
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member", member);
        body.put("dirtyEntries", persistence.dirtyEntries());
        body.put("message", "Draining: the node writes its dirty entries, hands its partitions over and exits. "
                + "Watch GET /admin/cluster on another node until this member is gone and the cluster is safe");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
}
