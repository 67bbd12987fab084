package io.cairn.cli.demo;

/**
 * The JSON document of one demo HTTP session.
 *
 * @param id session id, the cache key
 * @param user user the session belongs to
 * @param touches requests served by the session so far; each touch stores the next count
 * @param cart item ids in the shopping cart
 */
public record SessionData(String id, String user, int touches, java.util.List<String> cart) {
}
