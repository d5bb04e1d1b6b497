package io.gplay.engine.module;

/** A task's outcome on one host, as in the recap. */
public enum Status {
    OK, CHANGED, FAILED, SKIPPED, UNREACHABLE;

    public String label() {
        return name().toLowerCase();
    }
}
