package io.gplay.engine.module;

import java.util.Optional;

/** One change a task made or, in check mode, predicts: what it is, with the diff of what it touches if it has one. */
public record Change(String description, Diff diff) {
    public static Change of(String description) {
        return new Change(description, null);
    }

    public Optional<Diff> optionalDiff() {
        return Optional.ofNullable(diff);
    }
}
