package io.cairn.cli.demo;

/**
 * One step of the demo workload. Phases run one after another against the same cluster, client
 * and ledger, so a workload is a list of phases.
 */
interface DemoPhase {

    String name();

    PhaseResult run(DemoContext context);
}
