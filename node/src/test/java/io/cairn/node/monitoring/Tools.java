package io.cairn.node.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Prometheus executables that the monitoring tests run. */
final class Tools {

    /** Debian package that ships both {@code promtool} and {@code prometheus}. */
    static final String DEBIAN_PACKAGE = "prometheus";

    private Tools() {
    }

    /**
     * Returns the executable {@code name} from PATH or {@code /usr/bin}.
     *
     * @throws IllegalStateException naming the Debian package to install when it is missing
     */
    static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " was not found on PATH or in /usr/bin; install the Debian package "
                + DEBIAN_PACKAGE + " (apt-get install -y --no-install-recommends " + DEBIAN_PACKAGE + "), which .ci/run "
                + "installs when promtool is missing");
    }

    /** Returns the repository's {@code docker} directory; Maven runs tests with the module directory as working directory. */
    static Path dockerDirectory() {
        Path moduleDirectory = Path.of("").toAbsolutePath();
        Path docker = moduleDirectory.getParent().resolve("docker");
        if (!Files.isDirectory(docker)) {
            throw new IllegalStateException("Directory " + docker + " not found; run the tests from the node module "
                    + "of the repository, as Maven does");
        }
        return docker;
    }
}
