package io.cairn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads metric samples from a node's {@code /actuator/prometheus} text. */
final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> lines;

    private PrometheusScrape(List<String> lines) {
        this.lines = lines;
    }

    static PrometheusScrape of(URI node) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return new PrometheusScrape(body.lines().filter(line -> !line.startsWith("#")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to scrape " + node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while scraping " + node, e);
        }
    }

    /** Returns the sum of every sample of {@code family} whose labels contain all of {@code labelParts}. */
    double sum(String family, String... labelParts) {
        return values(family, labelParts).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Returns the largest sample of {@code family} whose labels contain all of {@code labelParts}, or 0. */
    double max(String family, String... labelParts) {
        return values(family, labelParts).stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private List<Double> values(String family, String... labelParts) {
        List<Double> values = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith(family + "{") && !line.startsWith(family + " ")) {
                continue;
            }
            boolean matches = true;
            for (String part : labelParts) {
                matches &= line.contains(part);
            }
            if (matches) {
                values.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return values;
    }
}
