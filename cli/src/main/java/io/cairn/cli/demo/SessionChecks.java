package io.cairn.cli.demo;

import io.cairn.client.CairnSession;
import io.cairn.client.CairnSessionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The session part of {@link VerifyPhase}: checks every session id of the ledger through the
 * session store, {@code findByPrincipal} for a sample of principals, and every row of
 * {@value #TABLE} on each shard.
 *
 * <p>A row is live when it is not deleted and its {@code expires_at_ms} lies in the future. A live
 * row must hold the expected principal and attributes in its JSON value, the expected expiry in
 * {@code expires_at_ms} and the principal in {@code index_value}. A live row of an id that the
 * ledger does not have is a difference. A principal query must return exactly the live sessions of
 * the principal.
 *
 * <p>Sessions that the ledger has live are read from the grid first, then the principals are
 * queried, then PostgreSQL is read, and the remaining ids come last. Active sessions expire soon
 * after the workload stops, and a session whose expiry lies within
 * {@link DemoCommand#EXPIRY_MARGIN} of its check is skipped, so this order checks more of them live.
 */
final class SessionChecks {

    /**
     * Counts for the report.
     *
     * @param details counts by name: the three checks and the states of the sessions by the ledger
     * @param checked sessions checked over all checks
     */
    record Result(Map<String, Object> details, long checked) {
    }

    private static final String TABLE = "cairn_sessions";
    private static final String GRID = "grid sessions";
    private static final String PRINCIPAL_QUERY = "findByPrincipal";
    private static final String POSTGRES = "postgres " + TABLE;
    private static final int READ_THREADS = 8;
    private static final int PRINCIPAL_SAMPLE = 25;

    private final DemoContext context;
    private final VerifyPhase phase;

    SessionChecks(DemoContext context, VerifyPhase phase) {
        this.context = context;
        this.phase = phase;
    }

    Result run() {
        Ledger<SessionData> ledger = context.sessionLedger();
        long now = System.currentTimeMillis();
        List<String> live = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        long expired = 0;
        long deleted = 0;
        for (String id : ledger.keys()) {
            Ledger.Expected<SessionData> expected = ledger.expected(id);
            if (expected.deleted()) {
                deleted++;
                ended.add(id);
            } else if (expected.expiredAt(now)) {
                expired++;
                ended.add(id);
            } else {
                live.add(id);
            }
        }

        VerifyPhase.Tally grid = phase.newTally();
        checkGrid(live, grid);
        VerifyPhase.Tally principals = phase.newTally();
        int principalsQueried = checkPrincipals(principals);
        VerifyPhase.Counts postgres = checkDatabase();
        checkGrid(ended, grid);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gridSessions", grid.counts());
        details.put("postgresSessions", postgres);
        details.put("principalQueries", principals.counts());
        details.put("principalsQueried", principalsQueried);
        details.put("sessionsLive", (long) live.size());
        details.put("sessionsExpired", expired);
        details.put("sessionsDeleted", deleted);
        long checked = grid.counts().checked() + principals.counts().checked() + postgres.checked();
        return new Result(details, checked);
    }

    /** Reads each id with {@code find} without touch, from several threads. */
    private void checkGrid(List<String> ids, VerifyPhase.Tally tally) {
        ExecutorService executor = Executors.newFixedThreadPool(READ_THREADS);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(executor.submit(() -> checkInGrid(id, tally)));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading sessions from the grid", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed to read a session from the grid: " + e.getCause().getMessage(), e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    private void checkInGrid(String id, VerifyPhase.Tally tally) {
        CairnSession session = phase.retry(() -> store().find(id, false));
        long now = System.currentTimeMillis();

        SessionData found;
        try {
            found = session == null ? null : SessionData.of(session);
        } catch (IllegalArgumentException e) {
            tally.checkedDifference(GRID, id, e.getMessage());
            return;
        }
        tally.compare(GRID, id, context.sessionLedger().expected(id), found, now);
    }

    /**
     * Queries a sample of the principals that sessions had, spread over their sorted names, and
     * checks each returned or expected session. Returns the number of principals queried.
     */
    private int checkPrincipals(VerifyPhase.Tally tally) {
        Ledger<SessionData> ledger = context.sessionLedger();
        Map<String, Set<String>> idsByPrincipal = new TreeMap<>();
        for (String id : ledger.keys()) {
            Ledger.Expected<SessionData> expected = ledger.expected(id);
            if (!expected.deleted() && expected.value().principal() != null) {
                idsByPrincipal.computeIfAbsent(expected.value().principal(), ignored -> new LinkedHashSet<>()).add(id);
            }
        }

        List<String> principals = new ArrayList<>(idsByPrincipal.keySet());
        int step = Math.max(1, principals.size() / PRINCIPAL_SAMPLE);
        int queried = 0;
        for (int index = 0; index < principals.size() && queried < PRINCIPAL_SAMPLE; index += step) {
            String principal = principals.get(index);
            Map<String, CairnSession> found = phase.retry(() -> store().findByPrincipal(principal));
            long now = System.currentTimeMillis();

            Set<String> ids = new LinkedHashSet<>(idsByPrincipal.get(principal));
            ids.addAll(found.keySet());
            for (String id : ids) {
                checkPrincipalResult(tally, principal, id, found.get(id), now);
            }
            queried++;
        }
        return queried;
    }

    /** Checks one session that the query returned ({@code session} non-null) or should have returned. */
    private void checkPrincipalResult(VerifyPhase.Tally tally, String principal, String id, CairnSession session, long now) {
        Ledger.Expected<SessionData> expected = context.sessionLedger().expected(id);
        if (expected == null) {
            tally.checkedDifference(PRINCIPAL_QUERY, id, "returned for principal " + principal
                    + ", but the demo never acknowledged a session with this id");
            return;
        }

        SessionData found;
        try {
            found = session == null ? null : SessionData.of(session);
        } catch (IllegalArgumentException e) {
            tally.checkedDifference(PRINCIPAL_QUERY, id, e.getMessage());
            return;
        }

        // A session of another principal, or an ended one, must not be returned, so the expected state is no live session.
        boolean ofPrincipal = !expected.deleted() && principal.equals(expected.value().principal());
        Ledger.Expected<SessionData> wanted = ofPrincipal ? expected : new Ledger.Expected<>(null, 0);
        tally.compare(PRINCIPAL_QUERY + " " + principal, id, wanted, found, now);
    }

    private VerifyPhase.Counts checkDatabase() {
        VerifyPhase.Tally tally = phase.newTally();
        Map<String, VerifyPhase.Row> rows = phase.readTable(TABLE, tally);
        long now = System.currentTimeMillis();

        Ledger<SessionData> ledger = context.sessionLedger();
        for (String id : ledger.keys()) {
            VerifyPhase.Row row = rows.get(id);
            if (row == null || !row.liveAt(now)) {
                tally.compare(POSTGRES, id, ledger.expected(id), null, now);
                continue;
            }

            SessionData stored;
            try {
                stored = SessionData.ofDocument(row.json());
            } catch (IllegalArgumentException e) {
                tally.checkedDifference(POSTGRES, id, e.getMessage());
                continue;
            }
            String problem = rowProblem(id, row, stored);
            if (problem != null) {
                tally.checkedDifference(POSTGRES, id, problem);
                continue;
            }
            tally.compare(POSTGRES, id, ledger.expected(id), stored, now);
        }

        for (VerifyPhase.Row row : rows.values()) {
            if (ledger.expected(row.key()) == null && row.liveAt(now)) {
                tally.difference(POSTGRES, row.key(), "is a live row, but the demo never acknowledged a session with this id");
            }
        }
        return tally.counts();
    }

    /** Returns how the columns of a live row disagree with its JSON value, or null when they agree. */
    private static String rowProblem(String id, VerifyPhase.Row row, SessionData stored) {
        if (!id.equals(stored.id())) {
            return "holds the document of session " + stored.id();
        }
        if (row.expiresAtMillis() != stored.expiresAtMillis()) {
            return "has expires_at_ms " + row.expiresAtMillis() + ", but its value expires at " + stored.expiresAtMillis();
        }
        if (!Objects.equals(row.indexValue(), stored.principal())) {
            return "has index_value " + row.indexValue() + ", but its value has principal " + stored.principal();
        }
        return null;
    }

    private CairnSessionStore store() {
        return context.sessions();
    }
}
