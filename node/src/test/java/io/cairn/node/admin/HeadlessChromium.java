package io.cairn.node.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Chromium browser headless against a page and returns its rendered DOM or a screenshot.
 * The binary is {@code $CHROMIUM} or {@value #DEFAULT_BINARY}. Each run gets a new profile
 * directory and no background networking, so the browser contacts nothing but the given URL.
 */
final class HeadlessChromium {

    static final String DEFAULT_BINARY = "/usr/bin/chromium";

    /** Virtual time the page gets to run its scripts before the DOM or screenshot is taken. */
    private static final int VIRTUAL_TIME_BUDGET_MILLIS = 5_000;
    private static final long RUN_TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path workDirectory;

    private HeadlessChromium(Path binary, Path workDirectory) {
        this.binary = binary;
        this.workDirectory = workDirectory;
    }

    /**
     * Returns a browser that keeps profiles under {@code workDirectory}.
     *
     * @throws AssertionError with installation instructions if the binary is missing
     */
    static HeadlessChromium require(Path workDirectory) {
        String configured = System.getenv("CHROMIUM");
        Path binary = Path.of(configured != null && !configured.isBlank() ? configured : DEFAULT_BINARY);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("Chromium is missing: " + binary + " is not an executable file. The status page "
                    + "test renders the page in headless Chromium; install it with "
                    + "'apt-get install -y chromium chromium-driver' or set CHROMIUM to the browser binary");
        }
        return new HeadlessChromium(binary, workDirectory);
    }

    /** Returns the DOM of {@code page} after its scripts ran. */
    String dumpDom(URI page) {
        return run(page, "--dump-dom");
    }

    /** Saves a 1280x900 screenshot of {@code page} after its scripts ran to {@code file}. */
    void screenshot(URI page, Path file) {
        run(page, "--screenshot=" + file.toAbsolutePath(), "--window-size=1280,900", "--hide-scrollbars");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("Chromium wrote no screenshot to " + file);
        }
    }

    private String run(URI page, String... extraArguments) {
        Path profile;
        try {
            profile = Files.createTempDirectory(workDirectory, "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a Chromium profile directory under " + workDirectory, e);
        }

        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS));
        command.addAll(List.of(extraArguments));
        command.add(page.toString());

        Path errors = profile.resolve("stderr.log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Chromium did not finish within " + RUN_TIMEOUT_SECONDS + " s on " + page);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + " on " + page + ": "
                        + Files.readString(errors));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + binary + " on " + page, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Chromium rendered " + page, e);
        }
    }
}
