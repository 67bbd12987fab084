package io.cairn.node.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a node's HTTP API, with or without the admin bearer token. */
final class AdminHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AdminHttp() {
    }

    static HttpResponse<String> get(URI baseUri, String path, String token) {
        return send(request(baseUri, path, token).GET().build());
    }

    static HttpResponse<String> post(URI baseUri, String path, String token, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        return send(request(baseUri, path, token).header("Content-Type", "application/json").POST(body).build());
    }

    /** GETs {@code path}, requires HTTP 200 and returns the JSON body. */
    static JsonNode getJson(URI baseUri, String path, String token) {
        HttpResponse<String> response = get(baseUri, path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + baseUri.resolve(path) + " returned " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(URI baseUri, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(90));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Request " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.uri(), e);
        }
    }
}
