package io.cairn.node.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns request errors of the admin API into the same JSON error body as the token filter. */
@RestControllerAdvice(assignableTypes = AdminController.class)
final class AdminErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException e) {
        return badRequest("Invalid request body: it must be a JSON object, for example {\"state\": \"ACTIVE\"}");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> invalidParameter(MethodArgumentTypeMismatchException e) {
        return badRequest("Invalid value '" + e.getValue() + "' of parameter " + e.getName());
    }

    static ResponseEntity<Object> badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST, "bad request", message);
    }

    static ResponseEntity<Object> conflict(String message) {
        return error(HttpStatus.CONFLICT, "conflict", message);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(new AdminTokenFilter.ErrorBody(status.value(), error, message));
    }
}
