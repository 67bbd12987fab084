package io.cairn.client;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.UndefinedErrorCodeException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.cairn.protocol.BackpressureException;
import io.cairn.protocol.PersistenceUnavailableException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for Hazelcast calls within the operation timeout and translates their failures into
 * {@link CairnException} subclasses.
 */
final class Invoker {

    private final ConnectionState connection;
    private final Duration operationTimeout;
    private final ExecutorService blockingExecutor;
    private final BooleanSupplier closed;

    Invoker(ConnectionState connection, Duration operationTimeout, ExecutorService blockingExecutor, BooleanSupplier closed) {
        this.connection = connection;
        this.operationTimeout = operationTimeout;
        this.blockingExecutor = blockingExecutor;
        this.closed = closed;
    }

    /** Starts the deadline of a new call; throws when the client is closed. */
    Deadline start(Call call) {
        if (closed.getAsBoolean()) {
            throw closedException(call);
        }
        return Deadline.after(operationTimeout, connection);
    }

    /** Waits for {@code stage} until {@code deadline} and returns its result. */
    <T> T await(CompletionStage<T> stage, Deadline deadline, Call call) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            if (!deadline.isBounded()) {
                return future.get();
            }
            return future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(call + " was interrupted while waiting for the cluster; the call may or may not"
                    + " have been applied.", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw translate(e, call, deadline);
        }
    }

    /**
     * Runs a blocking Hazelcast call on the calling thread. Hazelcast's invocation timeout, set to
     * the operation timeout rounded up to whole seconds, bounds it, so the timeout is less precise
     * than with {@link #await}. Use it only for calls that never wait on the member, such as a plain
     * map get: an operation that waits there, for a key lock or a slow load, sends heartbeats that
     * keep the invocation alive past its timeout.
     *
     * <p>Hazelcast 5.7 completes the futures of its asynchronous client calls on the common fork-join
     * pool, which starts a new thread for every completion on machines with two processors or
     * fewer. A blocking get avoids that cost, which the benchmarks measured at three to four times
     * the time of the get itself on such a machine.
     */
    <T> T callDirect(Supplier<T> hazelcastCall, Deadline deadline, Call call) {
        try {
            return hazelcastCall.get();
        } catch (RuntimeException e) {
            throw translate(e, call, deadline);
        }
    }

    /**
     * Runs a Hazelcast call that has no asynchronous variant on the client's executor and waits for
     * it until {@code deadline}, so that it cannot block the caller longer than the timeout.
     */
    <T> T callBlocking(Supplier<T> hazelcastCall, Deadline deadline, Call call) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(hazelcastCall, blockingExecutor);
        } catch (RejectedExecutionException e) {
            throw closedException(call);
        }
        return await(future, deadline, call);
    }

    /** Translates a failure of {@code call} into the matching Cairn exception. */
    private RuntimeException translate(Throwable failure, Call call, Deadline deadline) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CairnException cairnException) {
            return cairnException;
        }

        String backpressure = memberFailureMessage(cause, BackpressureException.class);
        if (backpressure != null) {
            return new CairnBackpressureException(call + " was rejected because too many entries wait to be written to"
                    + " PostgreSQL (" + backpressure + "). Nothing was written; retry after a delay.", cause);
        }

        String persistence = memberFailureMessage(cause, PersistenceUnavailableException.class);
        if (persistence != null) {
            return new CairnUnavailableException(call + " failed because the member could not load the entry from"
                    + " PostgreSQL (" + persistence + "). Retry after a delay.", cause);
        }

        if (closed.getAsBoolean() || cause instanceof HazelcastClientNotActiveException) {
            IllegalStateException closedFailure = closedException(call);
            closedFailure.initCause(cause);
            return closedFailure;
        }

        if (cause instanceof TimeoutException || cause instanceof OperationTimeoutException) {
            return timedOut(call, cause, deadline);
        }

        if (isUnavailable(cause)) {
            return new CairnUnavailableException(call + " failed because the member serving it left or the connection"
                    + " to " + connection.clusterDescription() + " broke (" + cause + "). The client reconnects by"
                    + " itself; retry the call.", cause);
        }

        return new CairnException(call + " failed: " + cause, cause);
    }

    /** Returns a copy of {@code failure} of the same type with a new message, keeping it as the cause. */
    static CairnException withMessage(CairnException failure, String message) {
        if (failure instanceof CairnBackpressureException) {
            return new CairnBackpressureException(message, failure);
        }
        if (failure instanceof CairnUnavailableException) {
            return new CairnUnavailableException(message, failure);
        }
        if (failure instanceof CairnTimeoutException timeout) {
            return new CairnTimeoutException(message, timeout.operation(), timeout.cacheName(), timeout.timeout(), failure);
        }
        return new CairnException(message, failure, failure.isRetryable());
    }

    /**
     * Reports a timeout as unavailability when the client was disconnected at any time during the
     * call, because the call then waited for a reconnection rather than for a slow member.
     */
    private RuntimeException timedOut(Call call, Throwable cause, Deadline deadline) {
        String timeout = Durations.format(operationTimeout);
        if (!deadline.stayedConnected(connection)) {
            return new CairnUnavailableException(call + " failed: the client was not connected to "
                    + connection.clusterDescription() + " during the operation timeout of " + timeout
                    + ". The client keeps reconnecting; retry later.", cause);
        }
        return new CairnTimeoutException(call + " timed out after the operation timeout of " + timeout
                + ". A write may still be applied. Retry, or raise operationTimeout if the cluster is busy.",
                call.operation(), call.cacheName(), operationTimeout, cause);
    }

    private static IllegalStateException closedException(Call call) {
        return new IllegalStateException("Cannot run " + call + ": the CairnClient is closed. Build a new client.");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Returns the message of the member-side exception {@code type} when {@code failure} or one of
     * its causes is that exception. The client receives it either as that class or, when Hazelcast
     * has no error code for it, as {@link UndefinedErrorCodeException} naming the class.
     */
    private static String memberFailureMessage(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return current.getMessage();
            }
            if (current instanceof UndefinedErrorCodeException undefined
                    && type.getName().equals(undefined.getOriginClassName())) {
                return undefined.getMessage();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static boolean isUnavailable(Throwable cause) {
        return cause instanceof HazelcastClientOfflineException
                || cause instanceof TargetDisconnectedException
                || cause instanceof TargetNotMemberException
                || cause instanceof MemberLeftException
                || cause instanceof HazelcastInstanceNotActiveException
                || cause instanceof RetryableException
                || cause instanceof com.hazelcast.core.IndeterminateOperationStateException
                || cause instanceof IOException;
    }
}
