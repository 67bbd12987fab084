package io.cairn.cli.demo;

import java.util.Map;

/** A failure that a phase injects while it runs, such as killing a node. */
interface Disruption {

    /**
     * Starts the disruption in the background and returns at once.
     *
     * @throws IllegalStateException if it was already started
     */
    void start();

    /** Waits for the disruption and the recovery it waits for, and returns its measurements for the report. */
    Map<String, Object> awaitResult();
}
