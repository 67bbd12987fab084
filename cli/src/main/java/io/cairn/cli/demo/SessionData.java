package io.cairn.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.client.CairnSession;
import io.cairn.protocol.StoredEntry;
import io.cairn.protocol.session.SessionDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expected state of one HTTP session of the demo in the session store: its principal, the
 * attributes that the session workload sets, and its expiry.
 *
 * @param id session id
 * @param principal principal name set at login, or null for an anonymous session
 * @param visits attribute {@value #VISITS}: requests the session served, counted by the workload
 * @param cart attribute {@value #CART}: item ids, or null when the session has no such attribute
 * @param theme attribute {@value #THEME}, or null when the session has no such attribute
 * @param expiresAtMillis epoch milliseconds at which the session expires unless accessed again:
 *     last access time plus max inactive interval, or {@link StoredEntry#NO_EXPIRY}
 */
record SessionData(String id, String principal, int visits, List<String> cart, String theme, long expiresAtMillis) {

    static final String VISITS = "visits";
    static final String CART = "cart";
    static final String THEME = "theme";

    /**
     * Reads a session returned by the store.
     *
     * @throws IllegalArgumentException when the session has an attribute the workload never sets, or one of another type
     */
    static SessionData of(CairnSession session) {
        Instant expiresAt = session.expiresAt();
        long expiresAtMillis = expiresAt == null ? StoredEntry.NO_EXPIRY : expiresAt.toEpochMilli();
        return of(session.id(), session.principal(), session.attributesJson(), expiresAtMillis);
    }

    /**
     * Reads the JSON document of a session as stored in the column {@code value} of {@code cairn_sessions}.
     *
     * @throws IllegalArgumentException when the JSON is not a session document of the workload
     */
    static SessionData ofDocument(String json) {
        SessionDocument document = SessionDocument.parse(json.getBytes(StandardCharsets.UTF_8));
        return of(document.id(), document.principal(), document.attributes(), document.expiresAtMillis());
    }

    private static SessionData of(String id, String principal, Map<String, JsonNode> attributes, long expiresAtMillis) {
        for (String name : attributes.keySet()) {
            if (!name.equals(VISITS) && !name.equals(CART) && !name.equals(THEME)) {
                throw new IllegalArgumentException("Session " + id + " has attribute '" + name + "', which the demo never sets");
            }
        }

        JsonNode visits = attributes.get(VISITS);
        if (visits == null || !visits.isInt()) {
            throw new IllegalArgumentException("Session " + id + " has attribute '" + VISITS + "' = " + visits
                    + ", expected an integer");
        }
        JsonNode theme = attributes.get(THEME);
        if (theme != null && !theme.isTextual()) {
            throw new IllegalArgumentException("Session " + id + " has attribute '" + THEME + "' = " + theme
                    + ", expected a string");
        }
        return new SessionData(id, principal, visits.intValue(), cart(id, attributes.get(CART)),
                theme == null ? null : theme.textValue(), expiresAtMillis);
    }

    private static List<String> cart(String id, JsonNode cart) {
        if (cart == null) {
            return null;
        }
        if (!cart.isArray()) {
            throw new IllegalArgumentException("Session " + id + " has attribute '" + CART + "' = " + cart
                    + ", expected an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : cart) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("Session " + id + " has attribute '" + CART + "' = " + cart
                        + ", expected an array of strings");
            }
            items.add(item.textValue());
        }
        return List.copyOf(items);
    }

    /** Returns this session under another id, as a change of id stores it. */
    SessionData withId(String newId) {
        return new SessionData(newId, principal, visits, cart, theme, expiresAtMillis);
    }

    /** True when {@code other} has the same id, principal and attributes, whatever its expiry. */
    boolean sameContent(SessionData other) {
        return other != null && withExpiry(0).equals(other.withExpiry(0));
    }

    /** True when this is the same session as {@code wanted} with fewer visits or an earlier expiry: a lost write. */
    boolean isOlderThan(SessionData wanted) {
        return id.equals(wanted.id) && (visits < wanted.visits || expiresAtMillis < wanted.expiresAtMillis);
    }

    private SessionData withExpiry(long millis) {
        return new SessionData(id, principal, visits, cart, theme, millis);
    }
}
