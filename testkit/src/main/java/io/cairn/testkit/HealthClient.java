package io.cairn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the actuator health endpoints of one node over HTTP. */
final class HealthClient {

    static final String HEALTH_PATH = "/actuator/health";
    static final String READINESS_PATH = "/actuator/health/readiness";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int HTTP_OK = 200;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI baseUri;

    HealthClient(URI baseUri) {
        this.baseUri = baseUri;
    }

    URI baseUri() {
        return baseUri;
    }

    /** Returns true when the readiness endpoint returns 200, false on any other status or a failed request. */
    boolean isReady() {
        try {
            return get(READINESS_PATH).statusCode() == HTTP_OK;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fetches and parses {@code /actuator/health}. The body is parsed whatever the status,
     * because a node that reports DOWN returns 503 with the same document.
     *
     * @throws UncheckedIOException if the request fails, for example because the node is not running
     */
    NodeHealth fetch() {
        HttpResponse<String> response;
        try {
            response = get(HEALTH_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + baseUri + HEALTH_PATH + ": " + e.getMessage(), e);
        }
        return NodeHealth.parse(baseUri, response.statusCode(), response.body());
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + request.uri(), e);
        }
    }
}
