package io.gplay.engine.connection;

/** A module tried to change a host in check mode: a bug in that module, reported loudly, never ignored. */
public class CheckModeViolation extends RuntimeException {
    public CheckModeViolation(String message) {
        super(message);
    }
}
