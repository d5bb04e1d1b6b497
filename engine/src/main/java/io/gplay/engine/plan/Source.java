package io.gplay.engine.plan;

/** Where something was written in a playbook, for messages of the form {@code FILE:LINE: message}. */
public record Source(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
