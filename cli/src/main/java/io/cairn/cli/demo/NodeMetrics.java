package io.cairn.cli.demo;

import io.cairn.testkit.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects counters from {@code /actuator/prometheus} of every node JVM the demo started and sums
 * them over all JVMs, including those that were killed or stopped since.
 *
 * <p>A counter lives in its JVM, so the last scrape of a JVM stands for its final value. The
 * increments of a killed JVM after its last scrape (at most one scrape interval) are missing, so
 * the sums are lower bounds.
 */
final class NodeMetrics {

    /** Read-through loads from PostgreSQL, with results hit, miss and error. */
    static final String LOADS = "cairn_loads_total";

    /** Rows the flushers wrote to PostgreSQL. */
    static final String FLUSH_ROWS = "cairn_flush_rows_total";

    private static final Logger log = LoggerFactory.getLogger(NodeMetrics.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * Last scraped value per node index and metric. The demo never restarts a node, so each index
     * stands for one JVM.
     */
    private final Map<Integer, Map<String, Double>> lastByNode = new ConcurrentHashMap<>();

    /**
     * Scrapes every node and returns how many answered; a node that does not answer keeps its
     * previous values. It calls no synchronized method of {@link NodeProcess}, because those wait
     * while a node is being stopped.
     */
    int scrape(Iterable<NodeProcess> nodes) {
        int answered = 0;
        for (NodeProcess node : nodes) {
            try {
                lastByNode.put(node.index(), parse(fetch(node.httpUri())));
                answered++;
            } catch (IOException | RuntimeException e) {
                log.debug("Scraping metrics of node {} failed; keeping its last values", node.index(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answered;
    }

    /** Sum of {@code metric} over all series and all JVMs ever scraped. */
    long total(String metric) {
        double sum = 0;
        for (Map<String, Double> values : lastByNode.values()) {
            sum += values.getOrDefault(metric, 0.0);
        }
        return Math.round(sum);
    }

    private String fetch(URI node) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/actuator/prometheus")).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " returned HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Sums each metric of interest over its series, for example every shard and result of the loads. */
    private static Map<String, Double> parse(String body) {
        Map<String, Double> sums = new ConcurrentHashMap<>();
        for (String line : body.split("\n")) {
            for (String metric : new String[] {LOADS, FLUSH_ROWS}) {
                if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                    String value = line.substring(line.lastIndexOf(' ') + 1);
                    sums.merge(metric, Double.parseDouble(value), Double::sum);
                }
            }
        }
        return sums;
    }
}
