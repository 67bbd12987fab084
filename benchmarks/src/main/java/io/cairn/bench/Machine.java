package io.cairn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine and JDK a suite ran on, read from {@code /proc} and system properties.
 *
 * @param processors available processors, as {@code nproc} reports
 * @param memoryKiB total memory from {@code /proc/meminfo}
 * @param cpuModel first {@code model name} of {@code /proc/cpuinfo}
 * @param jdk vendor and version of the benchmark JVM, which the nodes also run on
 * @param loadAverage 1, 5 and 15 minute load averages from {@code /proc/loadavg}
 */
record Machine(int processors, long memoryKiB, String cpuModel, String jdk, String loadAverage) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryKiB(), readCpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"), currentLoadAverage());
    }

    static String currentLoadAverage() {
        List<String> fields = List.of(read("/proc/loadavg").trim().split("\\s+"));
        return String.join(" ", fields.subList(0, Math.min(3, fields.size())));
    }

    private static long readMemoryKiB() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String readCpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
