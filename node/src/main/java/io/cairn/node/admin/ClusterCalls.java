package io.cairn.node.admin;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an admin task on every member through the Hazelcast executor {@value #EXECUTOR_NAME} and
 * collects one result per member. The tasks travel over the member connections, so a cluster-wide
 * call needs neither the other members' HTTP addresses nor the admin token.
 */
final class ClusterCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCalls.class);

    static final String EXECUTOR_NAME = "cairn.admin";

    private final HazelcastInstance hazelcast;

    ClusterCalls(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /**
     * Runs {@code task} on every member and waits at most {@code timeout} for all results. A member
     * that fails or does not respond in time gets a result with an error instead of a value.
     */
    <T> List<MemberAnswer<T>> callAll(Callable<String> task, Class<T> type, Duration timeout) {
        IExecutorService executor = hazelcast.getExecutorService(EXECUTOR_NAME);
        Map<Member, Future<String>> futures = executor.submitToAllMembers(task);
        long deadline = System.nanoTime() + timeout.toNanos();

        String taskName = task.getClass().getSimpleName();
        List<MemberAnswer<T>> answers = new ArrayList<>();
        for (Map.Entry<Member, Future<String>> pending : futures.entrySet()) {
            Member member = pending.getKey();
            String address = AdminAddresses.of(member);
            try {
                long waitNanos = Math.max(0, deadline - System.nanoTime());
                String json = pending.getValue().get(waitNanos, TimeUnit.NANOSECONDS);
                answers.add(new MemberAnswer<>(address, member.localMember(), AdminJson.read(json, type), null));
            } catch (TimeoutException e) {
                pending.getValue().cancel(true);
                answers.add(failed(taskName, address, member, "no answer within " + timeout.toMillis() + " ms"));
            } catch (ExecutionException e) {
                answers.add(failed(taskName, address, member, String.valueOf(e.getCause().getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.add(failed(taskName, address, member, "interrupted while waiting for the answer"));
            } catch (RuntimeException e) {
                answers.add(failed(taskName, address, member, e.toString()));
            }
        }
        answers.sort((left, right) -> left.member().compareTo(right.member()));
        return answers;
    }

    private static <T> MemberAnswer<T> failed(String taskName, String address, Member member, String error) {
        LOG.warn("Admin task {} failed on member {}: {}", taskName, address, error);
        return new MemberAnswer<>(address, member.localMember(), null, error);
    }

    /**
     * The result of one member.
     *
     * @param member member address as {@code host:port}
     * @param local true for the member that serves this request
     * @param value the member's result, null when it failed
     * @param error why the member returned no result, null on success
     */
    record MemberAnswer<T>(String member, boolean local, T value, String error) {
    }
}
