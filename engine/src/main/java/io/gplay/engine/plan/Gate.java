package io.gplay.engine.plan;

import java.util.List;

/**
 * A health gate of a rolling play: {@code checks} that must all pass before each batch starts ({@code before})
 * and after it ends ({@code after}). The runner asks them again every {@code delaySeconds} until they pass or
 * {@code timeoutSeconds} have gone by, and then stops the play, changing nothing more. The checks only read: they
 * always run in check mode, whatever the run's mode, so the engine's check-mode guard keeps them from changing a
 * host; a check that would change a host, or that cannot run in check mode, does not pass.
 */
public record Gate(String title, List<Task> checks, boolean before, boolean after, int timeoutSeconds,
                   double delaySeconds, Source source) {
    public Gate {
        checks = List.copyOf(checks);
    }

    /** {@code "before"} or {@code "after"}: when a batch is gated. */
    public boolean gates(String moment) {
        return "before".equals(moment) ? before : after;
    }
}
