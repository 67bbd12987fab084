package io.cairn.cli.demo;

/**
 * The JSON document the demo stores under each key.
 *
 * @param key the key it is stored under, so a value found under another key is detected
 * @param round write round that produced it; later rounds overwrite earlier ones
 * @param attempt attempt number within the round, counting from 1; a retried write stores a new attempt
 * @param payload filler text that gives the value a realistic size
 */
public record DemoValue(String key, int round, int attempt, String payload) {
}
