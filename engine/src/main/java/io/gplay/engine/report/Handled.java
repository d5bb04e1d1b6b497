package io.gplay.engine.report;

import java.util.Locale;

/**
 * Whether a failed result was taken back, so that its host goes on and the run can still succeed: sent to the
 * rescue of a block around the task (counted rescued, as ansible-playbook counts it when the host enters the
 * rescue), or ignored ({@code ignoreErrors}). {@link #NO} for a failure that fails its host and for every result
 * that is no failure.
 */
public enum Handled {
    NO,
    RESCUED,
    IGNORED;

    /** {@code rescued} or {@code ignored}; empty for {@link #NO}. */
    public String label() {
        return this == NO ? "" : name().toLowerCase(Locale.ROOT);
    }
}
