package io.cairn.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Values the demo wrote: the last value the cluster acknowledged for each key, and the values whose
 * write failed without an acknowledgement. A failed write may or may not have been applied, so
 * verification accepts such a value as well as the acknowledged one.
 */
final class Ledger {

    private final Map<String, DemoValue> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, List<DemoValue>> inDoubt = new ConcurrentHashMap<>();

    void acknowledge(DemoValue value) {
        acknowledged.put(value.key(), value);
        inDoubt.remove(value.key());
    }

    void markInDoubt(DemoValue value) {
        inDoubt.computeIfAbsent(value.key(), key -> new CopyOnWriteArrayList<>()).add(value);
    }

    DemoValue acknowledged(String key) {
        return acknowledged.get(key);
    }

    /** Values whose write failed since the last acknowledged write of {@code key}. */
    List<DemoValue> inDoubt(String key) {
        return inDoubt.getOrDefault(key, List.of());
    }
}
