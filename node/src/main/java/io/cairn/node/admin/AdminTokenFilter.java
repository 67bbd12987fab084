package io.cairn.node.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Guards every path under {@code /admin}. Without a configured token the admin API is disabled and
 * every call gets 403 with a message that says how to set one. With a token, a call without the
 * header {@code Authorization: Bearer TOKEN}, or with another token, gets 401.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFilter.class);

    private static final String BEARER_PREFIX = "Bearer ";

    /** Rejected calls between two WARN lines, so a client that retries with a bad token cannot flood the log. */
    private static final long REJECTIONS_PER_WARNING = 100;

    static final String DISABLED_MESSAGE = "The admin API is disabled on this node because no admin token is set. "
            + "Set cairn.admin.token in the settings file or the environment variable CAIRN_ADMIN_TOKEN "
            + "(at least 16 random characters) and restart the node";

    private final AdminToken token;
    private final AtomicLong rejections = new AtomicLong();

    /** @param token the configured token, or null when the admin API is disabled */
    AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token == null) {
            writeError(response, HttpServletResponse.SC_FORBIDDEN, "admin API disabled", DISABLED_MESSAGE);
            return;
        }

        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            reject(request, response, "Missing bearer token: send the header 'Authorization: Bearer TOKEN' "
                    + "with the node's cairn.admin.token");
            return;
        }
        if (!token.matches(header.substring(BEARER_PREFIX.length()).trim())) {
            reject(request, response, "Invalid bearer token: it does not match the node's cairn.admin.token");
            return;
        }

        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        long count = rejections.incrementAndGet();
        if (count % REJECTIONS_PER_WARNING == 1) {
            LOG.warn("Rejected {} {} from {} without a valid admin token ({} rejections so far)",
                    request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), count);
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn-admin\"");
        writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", message);
    }

    static void writeError(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(AdminJson.write(new ErrorBody(status, error, message)));
    }

    /** JSON body of every admin error. */
    record ErrorBody(int status, String error, String message) {
    }
}
