package io.cairn.node.admin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page at {@code /status} and its data at {@code /status/data}. Both are read-only and
 * need no token; the data contains no secrets (see {@link StatusSnapshots}). The page loads its
 * script and style from this node only and polls the data every two seconds.
 */
@RestController
final class StatusController {

    static final String PAGE = "static/status/index.html";

    /** Lets the page load resources from this node only, and nothing embed it in a frame. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StatusSnapshots snapshots;

    StatusController(StatusSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping({"/status", "/status/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .body(new ClassPathResource(PAGE));
    }

    @GetMapping(value = "/status/data", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StatusSnapshots.StatusDocument> data() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(snapshots.current());
    }
}
