package io.cairn.cli.demo;

import io.cairn.client.CairnCache;
import io.cairn.testkit.LocalCluster;
import java.io.PrintStream;
import java.util.List;

/**
 * Shared state of the phases: the running cluster, the cache, the demo's keys, the ledger of
 * written values and the console.
 *
 * @param cluster the cluster the demo started
 * @param cache the demo cache, through the SDK
 * @param keys every key the demo writes, in a fixed order
 * @param ledger values written so far
 * @param threads client threads a phase may use
 * @param out console for progress lines
 */
record DemoContext(
        LocalCluster cluster,
        CairnCache<DemoValue> cache,
        List<String> keys,
        Ledger ledger,
        int threads,
        PrintStream out) {
}
