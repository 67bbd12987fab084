package io.cairn.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.TreeSet;

/**
 * Login, session attributes and logout over the servlet {@link HttpSession}, which Spring Session
 * stores in Cairn. Every endpoint but login returns 401 without a session.
 */
@RestController
class SessionController {

    private static final String PRINCIPAL = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionController(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Logs {@code user} in under a new session id, against session fixation, and returns that id. */
    @PostMapping("/login")
    String login(@RequestParam String user, HttpServletRequest request) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession(false);
        session.setAttribute(PRINCIPAL, user);
        return session.getId();
    }

    @GetMapping("/me")
    ResponseEntity<String> me(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(PRINCIPAL) == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        return ResponseEntity.ok((String) session.getAttribute(PRINCIPAL));
    }

    @PutMapping("/attributes/{name}")
    ResponseEntity<Void> setAttribute(@PathVariable String name, @RequestBody String value, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        session.setAttribute(name, value);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/attributes/{name}")
    ResponseEntity<String> getAttribute(@PathVariable String name, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Object value = session.getAttribute(name);
        return value == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(value.toString());
    }

    /** Sets how long the session may stay idle, in seconds. */
    @PostMapping("/session/max-inactive-interval")
    ResponseEntity<Void> setMaxInactiveInterval(@RequestParam int seconds, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        session.setMaxInactiveInterval(seconds);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ResponseEntity.noContent().build();
    }

    /** Returns the ids of the live sessions of {@code principal}, sorted. */
    @GetMapping("/sessions")
    Set<String> sessionsOf(@RequestParam String principal) {
        return new TreeSet<>(sessions.findByPrincipalName(principal).keySet());
    }
}
