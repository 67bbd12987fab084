package io.cairn.cli.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Calls the admin HTTP API of one node with the bearer token. */
final class AdminClient {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Maximum wait for one response, because a cluster-wide flush may take the flush timeout of every member. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(11);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI node;
    private final String token;

    AdminClient(URI node, String token) {
        this.node = node;
        this.token = token;
    }

    URI node() {
        return node;
    }

    /** GETs {@code path} and returns the JSON body of a 2xx response. */
    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    /** POSTs {@code jsonBody} (or nothing when null) to {@code path} and returns the JSON body of a 2xx response. */
    JsonNode post(String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        return send(request(path).header("Content-Type", "application/json").POST(body).build());
    }

    /** Returns true when the node's HTTP server accepts a connection and responds. */
    boolean isReachable() {
        try {
            HTTP.send(HttpRequest.newBuilder(node.resolve("/actuator/health/liveness")).timeout(CONNECT_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(node.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminCommandException(AdminCommandException.FAILED, request.method() + " " + request.uri()
                    + " failed: " + e + ". Check that the node runs and that --node names its HTTP port", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCommandException(AdminCommandException.FAILED, "Interrupted during " + request.uri(), e);
        }

        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = body != null && body.path("message").isString() ? body.path("message").asString() : response.body();
            throw new AdminCommandException(AdminCommandException.FAILED, request.method() + " " + request.uri()
                    + " returned HTTP " + response.statusCode() + ": " + message);
        }
        if (body == null) {
            throw new AdminCommandException(AdminCommandException.FAILED, request.method() + " " + request.uri()
                    + " returned a body that is not JSON: " + response.body());
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
