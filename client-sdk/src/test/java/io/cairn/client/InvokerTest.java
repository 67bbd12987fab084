package io.cairn.client;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.UndefinedErrorCodeException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import io.cairn.protocol.BackpressureException;
import io.cairn.protocol.PersistenceUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Failures that Hazelcast reports map to the Cairn exception with the right type and message. */
class InvokerTest {

    private static final Call CALL = Call.forKey("put", "products", "p-1");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final ConnectionState connection = new ConnectionState("cluster 'test'");
    private final Invoker invoker = new Invoker(connection, Duration.ofMillis(300), executor, () -> false);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private CairnException failWith(Throwable failure) {
        connection.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.CLIENT_CONNECTED));
        Deadline deadline = invoker.start(CALL);
        return assertThrows(CairnException.class,
                () -> invoker.await(CompletableFuture.failedFuture(failure), deadline, CALL));
    }

    @Test
    void backpressureByClassMapped() {
        BackpressureException memberFailure = new BackpressureException("42 dirty entries");

        CairnException error = failWith(memberFailure);

        assertThat(error).isInstanceOf(CairnBackpressureException.class);
        assertThat(error.getMessage()).contains("put on cache 'products' for key \"p-1\"").contains("42 dirty entries");
        assertThat(error.isRetryable()).isTrue();
        assertThat(error.getCause()).isSameAs(memberFailure);
    }

    @Test
    void backpressureByOriginClassNameMapped() {
        UndefinedErrorCodeException memberFailure =
                new UndefinedErrorCodeException("42 dirty entries", BackpressureException.class.getName(), null);

        CairnException error = failWith(memberFailure);

        assertThat(error).isInstanceOf(CairnBackpressureException.class);
        assertThat(error.isRetryable()).isTrue();
        assertThat(error.getCause()).isSameAs(memberFailure);
    }

    @Test
    void persistenceFailureMapped() {
        UndefinedErrorCodeException memberFailure = new UndefinedErrorCodeException("shard-1 circuit open",
                PersistenceUnavailableException.class.getName(), null);

        CairnException error = failWith(memberFailure);

        assertThat(error).isInstanceOf(CairnUnavailableException.class);
        assertThat(error.getMessage()).contains("shard-1 circuit open").contains("PostgreSQL");
    }

    @Test
    void lostMembersMapped() {
        for (Throwable failure : new Throwable[] {
                new TargetDisconnectedException("connection closed"),
                new MemberLeftException("member left"),
                new HazelcastClientOfflineException()}) {
            CairnException error = failWith(failure);

            assertThat(error).as(failure.toString()).isInstanceOf(CairnUnavailableException.class);
            assertThat(error.isRetryable()).isTrue();
            assertThat(error.getCause()).isSameAs(failure);
        }
    }

    @Test
    void otherFailureNotRetryable() {
        IllegalArgumentException failure = new IllegalArgumentException("bad argument");

        CairnException error = failWith(failure);

        assertThat(error.getClass()).isEqualTo(CairnException.class);
        assertThat(error.isRetryable()).isFalse();
        assertThat(error.getMessage()).contains("put on cache 'products'").contains("bad argument");
        assertThat(error.getCause()).isSameAs(failure);
    }

    @Test
    void timeoutWhileDisconnectedIsUnavailable() {
        connection.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.CLIENT_CONNECTED));
        Deadline deadline = invoker.start(CALL);
        connection.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED));
        connection.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.CLIENT_CONNECTED));

        CairnException error = assertThrows(CairnException.class,
                () -> invoker.await(new CompletableFuture<Void>(), deadline, CALL));

        assertThat(error).isInstanceOf(CairnUnavailableException.class);
        assertThat(error.getMessage()).contains("not connected").contains("300 ms");
    }

    @Test
    void putAllFailureKeepsType() {
        CairnException original = new CairnBackpressureException("rejected", null);

        CairnException rewrapped = Invoker.withMessage(original, "putAll wrote 1 of 2 entries");

        assertThat(rewrapped).isInstanceOf(CairnBackpressureException.class).hasMessage("putAll wrote 1 of 2 entries");
        assertThat(rewrapped.getCause()).isSameAs(original);
    }
}
