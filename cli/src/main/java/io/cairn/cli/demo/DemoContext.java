package io.cairn.cli.demo;

import io.cairn.client.CairnCache;
import io.cairn.client.CairnSessionStore;
import io.cairn.testkit.LocalCluster;
import java.io.PrintStream;
import java.util.List;

/**
 * Shared state of the demo phases.
 *
 * @param cluster the cluster the demo started
 * @param objects cache of the trace's database objects
 * @param sessions session store of the demo HTTP sessions
 * @param objectKeys key of every object of the trace, in the order of its first request
 * @param objectLedger last acknowledged write of every object key
 * @param sessionLedger last acknowledged write of every session id
 * @param metrics counters scraped from the nodes
 * @param out console for progress lines
 */
record DemoContext(
        LocalCluster cluster,
        CairnCache<OrmObject> objects,
        CairnSessionStore sessions,
        List<String> objectKeys,
        Ledger<OrmObject> objectLedger,
        Ledger<SessionData> sessionLedger,
        NodeMetrics metrics,
        PrintStream out) {
}
