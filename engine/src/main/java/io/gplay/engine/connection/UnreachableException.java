package io.gplay.engine.connection;

/** The host could not be reached or logged into: refused, timed out, authentication or host key refused. */
public class UnreachableException extends RuntimeException {
    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreachableException(String message) {
        super(message);
    }
}
